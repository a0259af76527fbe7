/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * The generic netlink family "knits" and its command handlers.
 */

#ifndef _KNITS_NETLINK_H
#define _KNITS_NETLINK_H

#include <linux/init.h>
#include <net/genetlink.h>

extern struct genl_family knits_genl_family;

int __init knits_genl_init(void);
void knits_genl_uninit(void);

/* nl_service.c */
int knits_nl_new_service(struct sk_buff *skb, struct genl_info *info);
int knits_nl_set_service(struct sk_buff *skb, struct genl_info *info);
int knits_nl_del_service(struct sk_buff *skb, struct genl_info *info);
int knits_nl_get_service(struct sk_buff *skb, struct genl_info *info);
int knits_nl_dump_services(struct sk_buff *skb, struct netlink_callback *cb);
int knits_nl_new_member(struct sk_buff *skb, struct genl_info *info);
int knits_nl_set_member(struct sk_buff *skb, struct genl_info *info);
int knits_nl_del_member(struct sk_buff *skb, struct genl_info *info);
int knits_nl_dump_members(struct sk_buff *skb, struct netlink_callback *cb);
int knits_nl_lookup(struct sk_buff *skb, struct genl_info *info);

/* nl_conn.c */
int knits_nl_dump_conns_start(struct netlink_callback *cb);
int knits_nl_dump_conns(struct sk_buff *skb, struct netlink_callback *cb);
int knits_nl_dump_conns_done(struct netlink_callback *cb);
int knits_nl_get_config(struct sk_buff *skb, struct genl_info *info);
int knits_nl_set_config(struct sk_buff *skb, struct genl_info *info);

/* nl_splice.c */
int knits_nl_splice(struct sk_buff *skb, struct genl_info *info);
int knits_nl_prepare(struct sk_buff *skb, struct genl_info *info);

#endif /* _KNITS_NETLINK_H */
