/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Attribute helpers shared by the generic netlink handlers: endpoints
 * (family, address, port: enum knits_endpoint_attr's ids in every nest
 * that has one) and nests of u64 counters.
 */

#ifndef _KNITS_NL_ATTR_H
#define _KNITS_NL_ATTR_H

#include <net/genetlink.h>

#include "tuple.h"
#include "uapi/knits.h"

struct knits_endpoint {
	u8 family;
	union knits_addr addr;
	__be16 port;
};

/*
 * Parses the nest @attr of @info with @policy into @tb, requiring it to be
 * there. Validation already happened against the command's policy.
 */
int knits_nl_nest(struct genl_info *info, int attr,
		  const struct nla_policy *policy, int maxtype,
		  struct nlattr **tb);
/* An endpoint from a parsed nest; @port_required or port 0 if absent. */
int knits_nl_endpoint(struct nlattr **tb, const struct nlattr *nest,
		      bool port_required, struct knits_endpoint *ep,
		      struct netlink_ext_ack *extack);
int knits_nl_put_endpoint(struct sk_buff *skb, u8 family,
			  const union knits_addr *addr, __be16 port);
static inline u32 knits_nla_u32_or(const struct nlattr *attr, u32 absent)
{
	return attr ? nla_get_u32(attr) : absent;
}

static inline u8 knits_nla_u8_or(const struct nlattr *attr, u8 absent)
{
	return attr ? nla_get_u8(attr) : absent;
}

/* A nest @attr of @n u64 values with ids 1..@n-1 (0 is the padding id). */
int knits_nl_put_u64_nest(struct sk_buff *skb, int attr, const u64 *values,
			  int n);

/* A doit's reply of @cmd, filled by @put from @obj, sent to the requester. */
int knits_nl_reply(struct genl_info *info, u8 cmd,
		   int (*put)(struct sk_buff *skb, void *obj), void *obj);

/*
 * One NLM_F_MULTI message of @cmd in a dump, filled by @put from @obj;
 * -EMSGSIZE (and nothing added) when it does not fit, so the dump resumes
 * at @obj in its next call.
 */
int knits_nl_dump_msg(struct sk_buff *skb, struct netlink_callback *cb,
		      u8 cmd, int (*put)(struct sk_buff *skb, void *obj),
		      void *obj);

#endif /* _KNITS_NL_ATTR_H */
