// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * The generic netlink family "knits"; uapi/knits.h documents the ABI.
 *
 * resv_start_op is 0, so every command gets the strict treatment of a new
 * family: reserved header bits and legacy nlmsg flags are rejected, and a
 * command without a policy of its own rejects every attribute.
 */

#include <linux/skbuff.h>
#include <net/genetlink.h>

#include "netlink.h"
#include "nl_attr.h"
#include "nl_policy.h"
#include "pernet.h"
#include "uapi/knits.h"
#include "version.h"

static int knits_nl_put_status(struct sk_buff *skb, void *obj)
{
	const struct knits_net *kn = obj;
	u64 ctr[__KNITS_CTR_MAX];

	knits_stats_read(&kn->stats, ctr);
	if (nla_put_string(skb, KNITS_A_VERSION, KNITS_VERSION) ||
	    nla_put_u32(skb, KNITS_A_ABI_VERSION, KNITS_ABI_VERSION) ||
	    nla_put_u32(skb, KNITS_A_HOOKS, READ_ONCE(kn->hooks)))
		return -EMSGSIZE;
	return knits_nl_put_u64_nest(skb, KNITS_A_COUNTERS, ctr,
				     __KNITS_CTR_MAX);
}

static int knits_nl_get_status(struct sk_buff *skb, struct genl_info *info)
{
	return knits_nl_reply(info, KNITS_CMD_GET_STATUS, knits_nl_put_status,
			      knits_pernet(genl_info_net(info)));
}

static int knits_nl_reset_counters(struct sk_buff *skb, struct genl_info *info)
{
	knits_stats_reset(&knits_pernet(genl_info_net(info))->stats);
	return 0;
}

#define KNITS_WRITE(c, fn, pol) {			\
	.cmd = (c),					\
	.doit = (fn),					\
	.policy = (pol),				\
	.maxattr = KNITS_A_MAX,				\
	.flags = GENL_UNS_ADMIN_PERM,			\
}

static const struct genl_ops knits_genl_ops[] = {
	{
		.cmd = KNITS_CMD_GET_STATUS,
		.doit = knits_nl_get_status,
	},
	{
		.cmd = KNITS_CMD_RESET_COUNTERS,
		.doit = knits_nl_reset_counters,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	KNITS_WRITE(KNITS_CMD_NEW_SERVICE, knits_nl_new_service,
		    knits_svc_cmd_policy),
	KNITS_WRITE(KNITS_CMD_SET_SERVICE, knits_nl_set_service,
		    knits_svc_cmd_policy),
	KNITS_WRITE(KNITS_CMD_DEL_SERVICE, knits_nl_del_service,
		    knits_svc_cmd_policy),
	{
		.cmd = KNITS_CMD_GET_SERVICE,
		.doit = knits_nl_get_service,
		.dumpit = knits_nl_dump_services,
		.policy = knits_svc_cmd_policy,
		.maxattr = KNITS_A_MAX,
	},
	KNITS_WRITE(KNITS_CMD_NEW_MEMBER, knits_nl_new_member,
		    knits_member_cmd_policy),
	KNITS_WRITE(KNITS_CMD_SET_MEMBER, knits_nl_set_member,
		    knits_member_cmd_policy),
	KNITS_WRITE(KNITS_CMD_DEL_MEMBER, knits_nl_del_member,
		    knits_member_cmd_policy),
	{
		.cmd = KNITS_CMD_GET_MEMBER,
		.dumpit = knits_nl_dump_members,
		.policy = knits_svc_cmd_policy,
		.maxattr = KNITS_A_MAX,
	},
	{
		.cmd = KNITS_CMD_LOOKUP,
		.doit = knits_nl_lookup,
		.policy = knits_lookup_cmd_policy,
		.maxattr = KNITS_A_MAX,
	},
	{
		.cmd = KNITS_CMD_GET_CONN,
		.start = knits_nl_dump_conns_start,
		.dumpit = knits_nl_dump_conns,
		.done = knits_nl_dump_conns_done,
	},
	{
		.cmd = KNITS_CMD_GET_CONFIG,
		.doit = knits_nl_get_config,
	},
	KNITS_WRITE(KNITS_CMD_SET_CONFIG, knits_nl_set_config,
		    knits_cfg_cmd_policy),
	KNITS_WRITE(KNITS_CMD_SPLICE, knits_nl_splice,
		    knits_splice_cmd_policy),
	KNITS_WRITE(KNITS_CMD_PREPARE, knits_nl_prepare,
		    knits_prepare_cmd_policy),
};

struct genl_family knits_genl_family __ro_after_init = {
	.name = KNITS_GENL_NAME,
	.version = KNITS_GENL_VERSION,
	.module = THIS_MODULE,
	.ops = knits_genl_ops,
	.n_ops = ARRAY_SIZE(knits_genl_ops),
	.resv_start_op = 0,
	.netnsok = true,
};

int __init knits_genl_init(void)
{
	return genl_register_family(&knits_genl_family);
}

void knits_genl_uninit(void)
{
	genl_unregister_family(&knits_genl_family);
}
