// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 */

#include "netlink.h"
#include "nl_attr.h"

int knits_nl_nest(struct genl_info *info, int attr,
		  const struct nla_policy *policy, int maxtype,
		  struct nlattr **tb)
{
	if (GENL_REQ_ATTR_CHECK(info, attr))
		return -EINVAL;
	return nla_parse_nested(tb, maxtype, info->attrs[attr], policy,
				info->extack);
}

int knits_nl_endpoint(struct nlattr **tb, const struct nlattr *nest,
		      bool port_required, struct knits_endpoint *ep,
		      struct netlink_ext_ack *extack)
{
	const struct nlattr *addr = tb[KNITS_EP_A_ADDR];

	memset(ep, 0, sizeof(*ep));
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, KNITS_EP_A_FAMILY) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, KNITS_EP_A_ADDR) ||
	    (port_required &&
	     NL_REQ_ATTR_CHECK(extack, nest, tb, KNITS_EP_A_PORT)))
		return -EINVAL;
	ep->family = nla_get_u16(tb[KNITS_EP_A_FAMILY]) == AF_INET ? AF_INET :
		     nla_get_u16(tb[KNITS_EP_A_FAMILY]) == AF_INET6 ? AF_INET6 :
		     0;
	if (!ep->family) {
		NL_SET_ERR_MSG_ATTR(extack, tb[KNITS_EP_A_FAMILY],
				    "family must be AF_INET or AF_INET6");
		return -EAFNOSUPPORT;
	}
	if (nla_len(addr) != knits_addr_len(ep->family)) {
		NL_SET_ERR_MSG_ATTR(extack, addr,
				    "address length does not match its family");
		return -EINVAL;
	}
	nla_memcpy(&ep->addr, addr, sizeof(ep->addr));
	if (tb[KNITS_EP_A_PORT])
		ep->port = htons(nla_get_u16(tb[KNITS_EP_A_PORT]));
	return 0;
}

int knits_nl_put_endpoint(struct sk_buff *skb, u8 family,
			  const union knits_addr *addr, __be16 port)
{
	if (nla_put_u16(skb, KNITS_EP_A_FAMILY, family) ||
	    nla_put(skb, KNITS_EP_A_ADDR, knits_addr_len(family), addr) ||
	    nla_put_u16(skb, KNITS_EP_A_PORT, ntohs(port)))
		return -EMSGSIZE;
	return 0;
}

int knits_nl_put_u64_nest(struct sk_buff *skb, int attr, const u64 *values,
			  int n)
{
	struct nlattr *nest = nla_nest_start(skb, attr);
	int id;

	if (!nest)
		return -EMSGSIZE;
	for (id = 1; id < n; id++) {
		if (nla_put_u64_64bit(skb, id, values[id], 0)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

int knits_nl_dump_msg(struct sk_buff *skb, struct netlink_callback *cb,
		      u8 cmd, int (*put)(struct sk_buff *skb, void *obj),
		      void *obj)
{
	void *hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				cb->nlh->nlmsg_seq, &knits_genl_family,
				NLM_F_MULTI, cmd);

	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	if (put(skb, obj)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

int knits_nl_reply(struct genl_info *info, u8 cmd,
		   int (*put)(struct sk_buff *skb, void *obj), void *obj)
{
	struct sk_buff *msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	void *hdr;

	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &knits_genl_family, 0, cmd);
	if (!hdr || put(msg, obj)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}
