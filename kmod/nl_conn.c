// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Generic netlink commands for the flow table: the connection dump and the
 * namespace's configuration (limit and timeouts).
 */

#include <linux/jiffies.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <asm/unaligned.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "conn.h"
#include "netlink.h"
#include "nl_attr.h"
#include "nl_policy.h"
#include "pernet.h"
#include "service.h"

/* The dump's walker lives across its dumpit calls in cb->args[0]. */
int knits_nl_dump_conns_start(struct netlink_callback *cb)
{
	struct knits_net *kn = knits_pernet(sock_net(cb->skb->sk));
	struct rhashtable_iter *iter = kmalloc(sizeof(*iter), GFP_KERNEL);

	if (!iter)
		return -ENOMEM;
	rhashtable_walk_enter(&kn->conns.ht, iter);
	cb->args[0] = (long)iter;
	return 0;
}

int knits_nl_dump_conns_done(struct netlink_callback *cb)
{
	struct rhashtable_iter *iter = (struct rhashtable_iter *)cb->args[0];

	if (iter) {
		rhashtable_walk_exit(iter);
		kfree(iter);
	}
	return 0;
}

static int knits_nl_put_conn(struct sk_buff *skb, void *obj)
{
	struct knits_conn *conn = obj;
	const struct knits_tuple *orig = &conn->ent[KNITS_DIR_ORIG].tuple;
	const struct knits_tuple *reply = &conn->ent[KNITS_DIR_REPLY].tuple;
	unsigned int len = knits_addr_len(orig->family);
	long left = READ_ONCE(conn->expires) - jiffies;
	struct nlattr *nest;

	nest = nla_nest_start(skb, KNITS_A_CONN);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u16(skb, KNITS_CONN_A_FAMILY, orig->family) ||
	    nla_put(skb, KNITS_CONN_A_CLIENT_ADDR, len, &orig->src) ||
	    nla_put_u16(skb, KNITS_CONN_A_CLIENT_PORT, ntohs(orig->sport)) ||
	    nla_put(skb, KNITS_CONN_A_VIP_ADDR, len, &orig->dst) ||
	    nla_put_u16(skb, KNITS_CONN_A_VIP_PORT, ntohs(orig->dport)) ||
	    nla_put(skb, KNITS_CONN_A_MEMBER_ADDR, len, &reply->src) ||
	    nla_put_u16(skb, KNITS_CONN_A_MEMBER_PORT, ntohs(reply->sport)) ||
	    nla_put_u8(skb, KNITS_CONN_A_STATE, READ_ONCE(conn->state)) ||
	    nla_put_u32(skb, KNITS_CONN_A_EXPIRES_MS,
			left > 0 ? jiffies_to_msecs(left) : 0)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * Not a snapshot: connections come and go during a long dump, and a table
 * resize can repeat some (as with conntrack's dump). The walker only moves
 * on once a connection is in the message, so a full message loses none.
 */
int knits_nl_dump_conns(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct rhashtable_iter *iter = (struct rhashtable_iter *)cb->args[0];
	struct knits_conn_ent *ent;

	rhashtable_walk_start(iter);
	for (;;) {
		struct knits_conn *conn;

		ent = rhashtable_walk_peek(iter);
		if (IS_ERR(ent)) {
			if (PTR_ERR(ent) == -EAGAIN)
				continue;
			break;
		}
		if (!ent)
			break;
		conn = knits_ent_conn(ent);
		if (ent->dir == KNITS_DIR_ORIG && !READ_ONCE(conn->dead) &&
		    knits_nl_dump_msg(skb, cb, KNITS_CMD_GET_CONN,
				      knits_nl_put_conn, conn))
			break;
		rhashtable_walk_next(iter);
	}
	rhashtable_walk_stop(iter);
	return skb->len;
}

static int knits_nl_put_config(struct sk_buff *skb, void *obj)
{
	struct knits_conn_table *table = obj;
	struct nlattr *nest = nla_nest_start(skb, KNITS_A_CONFIG);
	u32 id;

	if (!nest ||
	    nla_put_u32(skb, KNITS_CFG_A_MAX_CONNS, READ_ONCE(table->max)) ||
	    nla_put_u32(skb, KNITS_CFG_A_CONNS, atomic_read(&table->count)))
		return -EMSGSIZE;
	for (id = 0; id <= KNITS_CFG_A_MAX; id++) {
		int state = knits_tcp_timeout_cfg_state(id);

		if (state >= 0 &&
		    nla_put_u32(skb, id, READ_ONCE(table->timeouts.secs[state])))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int knits_nl_get_config(struct sk_buff *skb, struct genl_info *info)
{
	return knits_nl_reply(info, KNITS_CMD_GET_CONFIG, knits_nl_put_config,
			      &knits_pernet(genl_info_net(info))->conns);
}

int knits_nl_set_config(struct sk_buff *skb, struct genl_info *info)
{
	struct knits_net *kn = knits_pernet(genl_info_net(info));
	struct knits_conn_table *table = &kn->conns;
	struct nlattr *tb[KNITS_CFG_A_MAX + 1];
	int err;
	u32 id;

	err = knits_nl_nest(info, KNITS_A_CONFIG, knits_cfg_policy,
			    KNITS_CFG_A_MAX, tb);
	if (err)
		return err;
	/* the one change that can fail (it allocates) goes first */
	if (tb[KNITS_CFG_A_HASH_KEY]) {
		const u8 *bytes = nla_data(tb[KNITS_CFG_A_HASH_KEY]);
		siphash_key_t key;

		/* SipHash's 16-byte key, as its reference code reads one */
		key.key[0] = get_unaligned_le64(bytes);
		key.key[1] = get_unaligned_le64(bytes + 8);
		err = knits_svc_rekey(kn, &key, info->extack);
		if (err)
			return err;
	}
	/* the policy checked every other value: nothing below can fail */
	if (tb[KNITS_CFG_A_MAX_CONNS])
		WRITE_ONCE(table->max, nla_get_u32(tb[KNITS_CFG_A_MAX_CONNS]));
	for (id = 0; id <= KNITS_CFG_A_MAX; id++) {
		int state = knits_tcp_timeout_cfg_state(id);

		if (state >= 0 && tb[id])
			WRITE_ONCE(table->timeouts.secs[state],
				   nla_get_u32(tb[id]));
	}
	return 0;
}
