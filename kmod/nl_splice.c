// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * KNITS_CMD_SPLICE and KNITS_CMD_PREPARE: a malformed request fails with
 * an extack; a well-formed one is answered with its status, a refusal
 * included, so the node learns why (uapi/knits.h).
 */

#include <net/genetlink.h>

#include "netlink.h"
#include "nl_attr.h"
#include "nl_policy.h"
#include "splice.h"

struct knits_nl_splice_result {
	u32 status;
	/* a splice's answer carries P when OK; a prepare's never */
	bool splice;
	s64 p;
};

static int knits_nl_splice_ep(struct genl_info *info, struct nlattr **tb,
			      int attr, struct knits_endpoint *ep)
{
	struct nlattr *ep_tb[KNITS_EP_A_PORT + 1];
	int err;

	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[KNITS_A_SPLICE], tb,
			      attr))
		return -EINVAL;
	err = nla_parse_nested(ep_tb, KNITS_EP_A_PORT, tb[attr],
			       knits_endpoint_policy, info->extack);
	if (err)
		return err;
	return knits_nl_endpoint(ep_tb, tb[attr], true, ep, info->extack);
}

/* The connection as the node sends on it: @local -> @peer. */
static int knits_nl_splice_conn(struct genl_info *info, struct nlattr **tb,
				int local_attr, struct knits_tuple *t)
{
	struct knits_endpoint local, peer;
	int err;

	err = knits_nl_splice_ep(info, tb, local_attr, &local);
	if (!err)
		err = knits_nl_splice_ep(info, tb, local_attr + 1, &peer);
	if (err)
		return err;
	if (local.family != peer.family) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[local_attr + 1],
				    "endpoints of one connection differ in family");
		return -EINVAL;
	}
	memset(t, 0, sizeof(*t));
	t->family = local.family;
	t->src = local.addr;
	t->sport = local.port;
	t->dst = peer.addr;
	t->dport = peer.port;
	return 0;
}

static int knits_nl_put_splice(struct sk_buff *skb, void *obj)
{
	const struct knits_nl_splice_result *r = obj;
	struct nlattr *nest = nla_nest_start(skb, KNITS_A_SPLICE);

	if (!nest || nla_put_u32(skb, KNITS_SPLICE_A_STATUS, r->status) ||
	    (r->splice && r->status == KNITS_SPLICE_OK &&
	     nla_put_u64_64bit(skb, KNITS_SPLICE_A_P, r->p,
			       KNITS_SPLICE_A_UNSPEC)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

int knits_nl_splice(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[KNITS_SPLICE_A_MAX + 1];
	struct knits_nl_splice_result r = { .splice = true };
	struct knits_tuple c1, c2;
	int err;

	err = knits_nl_nest(info, KNITS_A_SPLICE, knits_splice_policy,
			    KNITS_SPLICE_A_MAX, tb);
	if (err)
		return err;
	err = knits_nl_splice_conn(info, tb, KNITS_SPLICE_A_C1_LOCAL, &c1);
	if (!err)
		err = knits_nl_splice_conn(info, tb, KNITS_SPLICE_A_C2_LOCAL,
					   &c2);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[KNITS_A_SPLICE], tb,
			      KNITS_SPLICE_A_T) ||
	    NL_REQ_ATTR_CHECK(info->extack, info->attrs[KNITS_A_SPLICE], tb,
			      KNITS_SPLICE_A_S))
		return -EINVAL;
	r.status = knits_splice_request(genl_info_net(info), &c1, &c2,
					nla_get_u64(tb[KNITS_SPLICE_A_T]),
					nla_get_u64(tb[KNITS_SPLICE_A_S]),
					&r.p);
	return knits_nl_reply(info, KNITS_CMD_SPLICE, knits_nl_put_splice, &r);
}

int knits_nl_prepare(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[KNITS_SPLICE_A_MAX + 1];
	struct knits_nl_splice_result r = {};
	struct knits_tuple c1;
	int err;

	err = knits_nl_nest(info, KNITS_A_SPLICE, knits_prepare_policy,
			    KNITS_SPLICE_A_MAX, tb);
	if (!err)
		err = knits_nl_splice_conn(info, tb, KNITS_SPLICE_A_C1_LOCAL,
					   &c1);
	if (err)
		return err;
	r.status = knits_splice_prepare(genl_info_net(info), &c1);
	return knits_nl_reply(info, KNITS_CMD_PREPARE, knits_nl_put_splice, &r);
}
