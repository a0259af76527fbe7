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

#include "pernet.h"
#include "netlink.h"
#include "uapi/knits.h"
#include "version.h"

static struct genl_family knits_genl_family;

static int knits_put_counters(struct sk_buff *skb, const struct knits_net *kn)
{
	u64 ctr[__KNITS_CTR_MAX];
	struct nlattr *nest;
	int id;

	knits_stats_read(&kn->stats, ctr);
	nest = nla_nest_start(skb, KNITS_A_COUNTERS);
	if (!nest)
		return -EMSGSIZE;
	for (id = KNITS_CTR_UNSPEC + 1; id < __KNITS_CTR_MAX; id++) {
		if (nla_put_u64_64bit(skb, id, ctr[id], KNITS_CTR_UNSPEC)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int knits_nl_get_status(struct sk_buff *skb, struct genl_info *info)
{
	const struct knits_net *kn = knits_pernet(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &knits_genl_family, 0,
				KNITS_CMD_GET_STATUS);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err_free;
	}
	if (nla_put_string(msg, KNITS_A_VERSION, KNITS_VERSION) ||
	    nla_put_u32(msg, KNITS_A_ABI_VERSION, KNITS_ABI_VERSION) ||
	    nla_put_u32(msg, KNITS_A_HOOKS, READ_ONCE(kn->hooks))) {
		err = -EMSGSIZE;
		goto err_free;
	}
	err = knits_put_counters(msg, kn);
	if (err)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return err;
}

static int knits_nl_reset_counters(struct sk_buff *skb, struct genl_info *info)
{
	knits_stats_reset(&knits_pernet(genl_info_net(info))->stats);
	return 0;
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
};

static struct genl_family knits_genl_family __ro_after_init = {
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
