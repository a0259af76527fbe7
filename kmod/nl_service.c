// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Generic netlink commands for services, members and lookups. Every
 * handler runs under the genl mutex, which serialises all writers.
 */

#include <net/genetlink.h>
#include <net/sock.h>

#include "defrag.h"
#include "netlink.h"
#include "nl_attr.h"
#include "nl_policy.h"
#include "pernet.h"
#include "sched_ops.h"
#include "service.h"

/* The service named by KNITS_A_SERVICE; @tb gets the nest's attributes. */
static int knits_nl_svc_key(struct genl_info *info, struct nlattr **tb,
			    struct knits_endpoint *key)
{
	int err = knits_nl_nest(info, KNITS_A_SERVICE, knits_svc_policy,
				KNITS_SVC_A_MAX, tb);

	if (err)
		return err;
	return knits_nl_endpoint(tb, info->attrs[KNITS_A_SERVICE], true, key,
				 info->extack);
}

static struct knits_svc *knits_nl_svc_get(struct genl_info *info,
					  struct nlattr **tb)
{
	struct knits_net *kn = knits_pernet(genl_info_net(info));
	struct knits_endpoint key;
	struct knits_svc *svc;
	int err;

	err = knits_nl_svc_key(info, tb, &key);
	if (err)
		return ERR_PTR(err);
	svc = knits_svc_find(&kn->services, key.family, &key.addr, key.port);
	if (!svc) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KNITS_A_SERVICE],
				    "no such service");
		return ERR_PTR(-ENOENT);
	}
	return svc;
}

/* The scheduler and table size a request asks for, defaulting to @cur's. */
static int knits_nl_sched(struct genl_info *info, struct nlattr **tb,
			  const struct knits_svc *cur,
			  const struct knits_sched_ops **sched, u32 *mh_size)
{
	*sched = cur ? cur->sched : KNITS_SCHED_DEFAULT;
	*mh_size = cur ? cur->mh_table_size : KNITS_MH_TABLE_SIZE_DEFAULT;
	if (tb[KNITS_SVC_A_SCHED]) {
		*sched = knits_sched_find(nla_data(tb[KNITS_SVC_A_SCHED]));
		if (!*sched) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[KNITS_SVC_A_SCHED],
					    "unknown scheduler (rr, wrr, lc, sh, mh)");
			return -ENOENT;
		}
	}
	if (tb[KNITS_SVC_A_MH_TABLE_SIZE]) {
		if (*sched != &knits_sched_mh) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[KNITS_SVC_A_MH_TABLE_SIZE],
					    "a table size is for the mh scheduler only");
			return -EINVAL;
		}
		*mh_size = nla_get_u32(tb[KNITS_SVC_A_MH_TABLE_SIZE]);
	}
	return 0;
}

int knits_nl_new_service(struct sk_buff *skb, struct genl_info *info)
{
	struct knits_net *kn = knits_pernet(genl_info_net(info));
	struct nlattr *tb[KNITS_SVC_A_MAX + 1];
	const struct knits_sched_ops *sched;
	struct knits_endpoint key;
	struct knits_svc *svc;
	u32 mh_size;
	int err;

	err = knits_nl_svc_key(info, tb, &key);
	if (err)
		return err;
	err = knits_nl_sched(info, tb, NULL, &sched, &mh_size);
	if (err)
		return err;
	err = knits_defrag_enable(genl_info_net(info));
	if (err) {
		NL_SET_ERR_MSG_MOD(info->extack, "cannot enable defragmentation");
		return err;
	}
	svc = knits_svc_add(kn, key.family, &key.addr, key.port, sched,
			    mh_size, info->extack);
	if (IS_ERR(svc))
		return PTR_ERR(svc);
	/* under the genl mutex, as every reader of it */
	if (tb[KNITS_SVC_A_OWNER])
		svc->owner = nla_get_u32(tb[KNITS_SVC_A_OWNER]);
	return 0;
}

int knits_nl_set_service(struct sk_buff *skb, struct genl_info *info)
{
	struct knits_net *kn = knits_pernet(genl_info_net(info));
	struct nlattr *tb[KNITS_SVC_A_MAX + 1];
	const struct knits_sched_ops *sched;
	struct knits_svc *svc;
	u32 mh_size;
	int err;

	svc = knits_nl_svc_get(info, tb);
	if (IS_ERR(svc))
		return PTR_ERR(svc);
	err = knits_nl_sched(info, tb, svc, &sched, &mh_size);
	if (err)
		return err;
	/* a new owner alone leaves the pool (and rr's turn) as it is */
	if (tb[KNITS_SVC_A_SCHED] || tb[KNITS_SVC_A_MH_TABLE_SIZE] ||
	    !tb[KNITS_SVC_A_OWNER]) {
		err = knits_svc_update(kn, svc, sched, mh_size, info->extack);
		if (err)
			return err;
	}
	if (tb[KNITS_SVC_A_OWNER]) {
		svc->owner = nla_get_u32(tb[KNITS_SVC_A_OWNER]);
		kn->services.generation++;
	}
	return 0;
}

int knits_nl_del_service(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[KNITS_SVC_A_MAX + 1];
	struct knits_svc *svc = knits_nl_svc_get(info, tb);

	if (IS_ERR(svc))
		return PTR_ERR(svc);
	knits_svc_del(knits_pernet(genl_info_net(info)), svc);
	return 0;
}

static int knits_nl_put_service(struct sk_buff *skb, void *obj)
{
	struct knits_svc *svc = obj;
	u64 stats[__KNITS_STAT_MAX];
	struct nlattr *nest;

	nest = nla_nest_start(skb, KNITS_A_SERVICE);
	if (!nest)
		return -EMSGSIZE;
	knits_obj_stats_read(&svc->stats, stats);
	if (knits_nl_put_endpoint(skb, svc->family, &svc->addr, svc->port) ||
	    nla_put_u8(skb, KNITS_SVC_A_PROTOCOL, IPPROTO_TCP) ||
	    nla_put_string(skb, KNITS_SVC_A_SCHED, svc->sched->name) ||
	    nla_put_u32(skb, KNITS_SVC_A_MH_TABLE_SIZE, svc->mh_table_size) ||
	    nla_put_u32(skb, KNITS_SVC_A_MEMBERS, svc->nr_members) ||
	    nla_put_u32(skb, KNITS_SVC_A_OWNER, svc->owner) ||
	    knits_nl_put_u64_nest(skb, KNITS_SVC_A_STATS, stats,
				  __KNITS_STAT_MAX)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int knits_nl_get_service(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[KNITS_SVC_A_MAX + 1];
	struct knits_svc *svc = knits_nl_svc_get(info, tb);

	if (IS_ERR(svc))
		return PTR_ERR(svc);
	return knits_nl_reply(info, KNITS_CMD_GET_SERVICE,
			      knits_nl_put_service, svc);
}

/* Dumps resume at the index in cb->args[0] and flag a change in between
 * with NLM_F_DUMP_INTR (the table's generation is the sequence).
 */
int knits_nl_dump_services(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct knits_net *kn = knits_pernet(sock_net(skb->sk));
	long idx = 0, start = cb->args[0];
	struct knits_svc *svc;

	cb->seq = kn->services.generation;
	list_for_each_entry(svc, &kn->services.list, list) {
		if (idx++ < start)
			continue;
		if (knits_nl_dump_msg(skb, cb, KNITS_CMD_GET_SERVICE,
				      knits_nl_put_service, svc)) {
			idx--;
			break;
		}
	}
	cb->args[0] = idx;
	return skb->len;
}

/* The member named by KNITS_A_MEMBER of @svc's family. */
static int knits_nl_member_key(struct genl_info *info, struct knits_svc *svc,
			       struct nlattr **tb, struct knits_endpoint *key)
{
	int err = knits_nl_nest(info, KNITS_A_MEMBER, knits_member_policy,
				KNITS_MEMBER_A_MAX, tb);

	if (err)
		return err;
	err = knits_nl_endpoint(tb, info->attrs[KNITS_A_MEMBER], true, key,
				info->extack);
	if (err)
		return err;
	if (key->family != svc->family) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KNITS_A_MEMBER],
				    "a member has the family of its service");
		return -EAFNOSUPPORT;
	}
	return 0;
}

/* Looks up the service and the member of a member command. */
static int knits_nl_member_get(struct genl_info *info, struct nlattr **mtb,
			       struct knits_endpoint *key,
			       struct knits_svc **svc, struct knits_member **m)
{
	struct nlattr *stb[KNITS_SVC_A_MAX + 1];
	int err;

	*svc = knits_nl_svc_get(info, stb);
	if (IS_ERR(*svc))
		return PTR_ERR(*svc);
	err = knits_nl_member_key(info, *svc, mtb, key);
	if (err)
		return err;
	*m = knits_member_find(*svc, &key->addr, key->port);
	return 0;
}

/* As knits_nl_member_get(), for a member that must exist. */
static int knits_nl_existing_member(struct genl_info *info,
				    struct nlattr **mtb,
				    struct knits_svc **svc,
				    struct knits_member **m)
{
	struct knits_endpoint key;
	int err = knits_nl_member_get(info, mtb, &key, svc, m);

	if (err)
		return err;
	if (!*m) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KNITS_A_MEMBER],
				    "no such member");
		return -ENOENT;
	}
	return 0;
}

int knits_nl_new_member(struct sk_buff *skb, struct genl_info *info)
{
	struct knits_net *kn = knits_pernet(genl_info_net(info));
	struct nlattr *tb[KNITS_MEMBER_A_MAX + 1];
	struct knits_endpoint key;
	struct knits_member *m;
	struct knits_svc *svc;
	int err;

	err = knits_nl_member_get(info, tb, &key, &svc, &m);
	if (err)
		return err;
	return knits_member_add(kn, svc, &key.addr, key.port,
				knits_nla_u32_or(tb[KNITS_MEMBER_A_WEIGHT], 1),
				knits_nla_u8_or(tb[KNITS_MEMBER_A_STATE],
						KNITS_MEMBER_ACTIVE),
				info->extack);
}

int knits_nl_set_member(struct sk_buff *skb, struct genl_info *info)
{
	struct knits_net *kn = knits_pernet(genl_info_net(info));
	struct nlattr *tb[KNITS_MEMBER_A_MAX + 1];
	struct knits_member *m;
	struct knits_svc *svc;
	int err;

	err = knits_nl_existing_member(info, tb, &svc, &m);
	if (err)
		return err;
	return knits_member_update(kn, svc, m,
				   knits_nla_u32_or(tb[KNITS_MEMBER_A_WEIGHT],
						    m->weight),
				   knits_nla_u8_or(tb[KNITS_MEMBER_A_STATE],
						   m->state),
				   info->extack);
}

int knits_nl_del_member(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[KNITS_MEMBER_A_MAX + 1];
	struct knits_member *m;
	struct knits_svc *svc;
	int err;

	err = knits_nl_existing_member(info, tb, &svc, &m);
	if (err)
		return err;
	return knits_member_del(knits_pernet(genl_info_net(info)), svc, m,
				info->extack);
}

static int knits_nl_put_member(struct sk_buff *skb, void *obj)
{
	struct knits_member *m = obj;
	u64 stats[__KNITS_STAT_MAX];
	struct nlattr *nest;

	nest = nla_nest_start(skb, KNITS_A_MEMBER);
	if (!nest)
		return -EMSGSIZE;
	knits_obj_stats_read(&m->stats, stats);
	if (knits_nl_put_endpoint(skb, m->family, &m->addr, m->port) ||
	    nla_put_u32(skb, KNITS_MEMBER_A_WEIGHT, m->weight) ||
	    nla_put_u8(skb, KNITS_MEMBER_A_STATE, m->state) ||
	    nla_put_u32(skb, KNITS_MEMBER_A_CONNS, atomic_read(&m->conns)) ||
	    nla_put_u32(skb, KNITS_MEMBER_A_ACTIVE_CONNS,
			atomic_read(&m->active_conns)) ||
	    knits_nl_put_u64_nest(skb, KNITS_MEMBER_A_STATS, stats,
				  __KNITS_STAT_MAX)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int knits_nl_dump_members(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct genl_dumpit_info *dump = genl_dumpit_info(cb);
	struct knits_net *kn = knits_pernet(sock_net(skb->sk));
	struct nlattr *tb[KNITS_SVC_A_MAX + 1];
	long idx = 0, start = cb->args[0];
	struct knits_endpoint key;
	struct knits_member *m;
	struct knits_svc *svc;
	int err;

	if (!dump->attrs[KNITS_A_SERVICE]) {
		NL_SET_ERR_MSG(cb->extack, "a member dump needs KNITS_A_SERVICE");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, KNITS_SVC_A_MAX, dump->attrs[KNITS_A_SERVICE],
			       knits_svc_policy, cb->extack);
	if (err)
		return err;
	err = knits_nl_endpoint(tb, dump->attrs[KNITS_A_SERVICE], true, &key,
				cb->extack);
	if (err)
		return err;
	svc = knits_svc_find(&kn->services, key.family, &key.addr, key.port);
	if (!svc) {
		NL_SET_ERR_MSG(cb->extack, "no such service");
		return -ENOENT;
	}
	cb->seq = kn->services.generation;
	list_for_each_entry(m, &svc->members, list) {
		if (idx++ < start)
			continue;
		if (knits_nl_dump_msg(skb, cb, KNITS_CMD_GET_MEMBER,
				      knits_nl_put_member, m)) {
			idx--;
			break;
		}
	}
	cb->args[0] = idx;
	return skb->len;
}

/* A lookup's answer: the member's key only. */
static int knits_nl_put_member_key(struct sk_buff *skb, void *obj)
{
	struct knits_member *m = obj;
	struct nlattr *nest = nla_nest_start(skb, KNITS_A_MEMBER);

	if (!nest || knits_nl_put_endpoint(skb, m->family, &m->addr, m->port))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

int knits_nl_lookup(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *stb[KNITS_SVC_A_MAX + 1];
	struct nlattr *ctb[KNITS_CLIENT_A_MAX + 1];
	struct knits_endpoint client;
	struct knits_member *m;
	struct knits_tuple t = {};
	struct knits_svc *svc;
	int err;

	svc = knits_nl_svc_get(info, stb);
	if (IS_ERR(svc))
		return PTR_ERR(svc);
	err = knits_nl_nest(info, KNITS_A_CLIENT, knits_client_policy,
			    KNITS_CLIENT_A_MAX, ctb);
	if (err)
		return err;
	err = knits_nl_endpoint(ctb, info->attrs[KNITS_A_CLIENT], false,
				&client, info->extack);
	if (err)
		return err;
	if (client.family != svc->family) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KNITS_A_CLIENT],
				    "the client has another family than the service");
		return -EAFNOSUPPORT;
	}
	if (!svc->sched->hashing) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "only sh and mh choose by the client alone");
		return -EOPNOTSUPP;
	}
	t.family = svc->family;
	t.src = client.addr;
	t.sport = client.port;
	t.dst = svc->addr;
	t.dport = svc->port;
	rcu_read_lock();
	m = knits_svc_schedule(svc, &t);
	rcu_read_unlock();
	/* members change only under the genl mutex, which we hold */
	if (!m) {
		NL_SET_ERR_MSG_MOD(info->extack, "no member can take a connection");
		return -ENODATA;
	}
	return knits_nl_reply(info, KNITS_CMD_LOOKUP, knits_nl_put_member_key,
			      m);
}
