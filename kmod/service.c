// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Services and members: the table, and the pools the packet path schedules
 * from. service.h explains the locking.
 */

#include <linux/hash.h>
#include <linux/jhash.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "conn.h"
#include "pernet.h"
#include "sched_ops.h"
#include "service.h"

/*
 * Writers hold the genl mutex, which 6.1 gives no lockdep predicate for:
 * this stands in for it where RCU accessors ask how the writer is protected.
 */
#define KNITS_GENL_MUTEX_HELD true

static const struct rhashtable_params knits_member_endpoint_params = {
	.head_offset = offsetof(struct knits_member, by_endpoint),
	.key_offset = offsetof(struct knits_member, addr),
	.key_len = KNITS_MEMBER_KEY_LEN,
	.automatic_shrinking = true,
};

static const struct rhashtable_params knits_member_host_params = {
	.head_offset = offsetof(struct knits_member, by_host),
	.key_offset = offsetof(struct knits_member, addr),
	.key_len = sizeof(union knits_addr),
	.automatic_shrinking = true,
};

int knits_svc_table_init(struct knits_svc_table *table)
{
	int i, err;

	for (i = 0; i < ARRAY_SIZE(table->hash); i++)
		INIT_HLIST_HEAD(&table->hash[i]);
	INIT_LIST_HEAD(&table->list);
	table->count = 0;
	table->generation = 1;
	err = rhltable_init(&table->members_by_endpoint,
			    &knits_member_endpoint_params);
	if (err)
		return err;
	err = rhltable_init(&table->members_by_host, &knits_member_host_params);
	if (err)
		rhltable_destroy(&table->members_by_endpoint);
	return err;
}

/* Under the genl mutex; GFP_KERNEL. */
static int knits_member_index(struct knits_svc_table *table,
			      struct knits_member *m)
{
	int err;

	err = rhltable_insert(&table->members_by_endpoint, &m->by_endpoint,
			      knits_member_endpoint_params);
	if (err)
		return err;
	err = rhltable_insert(&table->members_by_host, &m->by_host,
			      knits_member_host_params);
	if (err)
		rhltable_remove(&table->members_by_endpoint, &m->by_endpoint,
				knits_member_endpoint_params);
	return err;
}

static void knits_member_unindex(struct knits_svc_table *table,
				 struct knits_member *m)
{
	rhltable_remove(&table->members_by_endpoint, &m->by_endpoint,
			knits_member_endpoint_params);
	rhltable_remove(&table->members_by_host, &m->by_host,
			knits_member_host_params);
}

/* Service keys are chosen by the administrator, not by clients, so an
 * unkeyed hash is enough.
 */
static u32 knits_svc_hash(u8 family, const union knits_addr *addr,
			  __be16 port)
{
	u32 h = jhash2(addr->all, 4, (__force u32)port ^ family);

	return hash_32(h, KNITS_SVC_HASH_BITS);
}

struct knits_svc *knits_svc_find(struct knits_svc_table *table, u8 family,
				 const union knits_addr *addr, __be16 port)
{
	struct knits_svc *svc;

	hlist_for_each_entry_rcu(svc, &table->hash[knits_svc_hash(family, addr,
								   port)],
				 hnode, KNITS_GENL_MUTEX_HELD) {
		if (svc->port == port && svc->family == family &&
		    knits_addr_equal(&svc->addr, addr))
			return svc;
	}
	return NULL;
}

static void knits_member_free(struct knits_member *m)
{
	knits_obj_stats_free(&m->stats);
	kfree(m);
}

/* The last reference goes from an RCU callback (a connection's, or the
 * service list's, deferred past readers), so no reader is left by then.
 */
void knits_member_put(struct knits_member *m)
{
	if (refcount_dec_and_test(&m->refcnt))
		knits_member_free(m);
}

static void knits_member_put_rcu(struct rcu_head *head)
{
	knits_member_put(container_of(head, struct knits_member, rcu));
}

/*
 * Builds a pool of @svc's members for @sched (which need not be @svc's yet)
 * completely, before anything sees it, so a failure changes nothing.
 */
static struct knits_pool *knits_pool_build(struct knits_net *kn,
					   struct knits_svc *svc,
					   const struct knits_sched_ops *sched,
					   u32 mh_table_size,
					   struct netlink_ext_ack *extack)
{
	struct knits_svc probe = { .mh_table_size = mh_table_size };
	u32 n = svc->nr_members, table_size, i = 0;
	struct knits_member *m;
	struct knits_pool *pool;
	size_t size;
	int err;

	table_size = sched->table_size ? sched->table_size(&probe) : 0;
	size = sizeof(*pool);
	size = size_add(size, array_size(n, sizeof(pool->members[0])));
	size = size_add(size, array_size(n, sizeof(pool->weights[0])));
	size = size_add(size, array_size(table_size, sizeof(pool->table[0])));
	pool = kvzalloc(size, GFP_KERNEL);
	if (!pool)
		return ERR_PTR(-ENOMEM);
	pool->ops = sched;
	pool->n = n;
	pool->members = (struct knits_member **)(pool + 1);
	pool->weights = (u32 *)(pool->members + n);
	pool->table = table_size ? (u16 *)(pool->weights + n) : NULL;
	pool->table_size = table_size;
	spin_lock_init(&pool->lock);
	list_for_each_entry(m, &svc->members, list) {
		pool->members[i] = m;
		pool->weights[i] = m->state == KNITS_MEMBER_ACTIVE ? m->weight : 0;
		i++;
	}
	pool->key = kn->hash_key;
	err = sched->build(pool, &pool->key, extack);
	if (err) {
		kvfree(pool);
		return ERR_PTR(err);
	}
	return pool;
}

static void knits_pool_publish(struct knits_svc *svc, struct knits_pool *pool)
{
	struct knits_pool *old = rcu_replace_pointer(svc->pool, pool,
						     KNITS_GENL_MUTEX_HELD);

	if (old)
		kvfree_rcu(old, rcu);
}

static int knits_svc_rebuild(struct knits_net *kn, struct knits_svc *svc,
			     struct netlink_ext_ack *extack)
{
	struct knits_pool *pool = knits_pool_build(kn, svc, svc->sched,
						   svc->mh_table_size, extack);

	if (IS_ERR(pool))
		return PTR_ERR(pool);
	knits_pool_publish(svc, pool);
	kn->services.generation++;
	return 0;
}

/*
 * Builds every new pool before publishing any, so that a failed allocation
 * leaves each service scheduling with the key it had. A pool published
 * here starts its rr and wrr sequences afresh, as after any member change.
 */
int knits_svc_rekey(struct knits_net *kn, const siphash_key_t *key,
		    struct netlink_ext_ack *extack)
{
	siphash_key_t old = kn->hash_key;
	struct knits_pool **pools;
	struct knits_svc *svc;
	u32 i = 0, n = kn->services.count;
	int err = 0;

	if (!memcmp(&old, key, sizeof(old)))
		return 0;
	pools = kcalloc(n ?: 1, sizeof(*pools), GFP_KERNEL);
	if (!pools)
		return -ENOMEM;
	kn->hash_key = *key;
	list_for_each_entry(svc, &kn->services.list, list) {
		pools[i] = knits_pool_build(kn, svc, svc->sched,
					    svc->mh_table_size, extack);
		if (IS_ERR(pools[i])) {
			err = PTR_ERR(pools[i]);
			break;
		}
		i++;
	}
	if (err) {
		kn->hash_key = old;
		while (i--)
			kvfree(pools[i]);
		kfree(pools);
		return err;
	}
	i = 0;
	list_for_each_entry(svc, &kn->services.list, list)
		knits_pool_publish(svc, pools[i++]);
	kn->services.generation++;
	kfree(pools);
	return 0;
}

struct knits_member *knits_svc_schedule(struct knits_svc *svc,
					const struct knits_tuple *t)
{
	struct knits_pool *pool = rcu_dereference(svc->pool);
	u32 i;

	if (!pool)
		return NULL;
	i = pool->ops->pick(pool, t, &pool->key);
	return i < pool->n ? pool->members[i] : NULL;
}

struct knits_svc *knits_svc_add(struct knits_net *kn, u8 family,
				const union knits_addr *addr, __be16 port,
				const struct knits_sched_ops *sched,
				u32 mh_table_size,
				struct netlink_ext_ack *extack)
{
	struct knits_svc_table *table = &kn->services;
	struct knits_pool *pool;
	struct knits_svc *svc;
	int err;

	if (knits_svc_find(table, family, addr, port)) {
		NL_SET_ERR_MSG_MOD(extack, "service exists");
		return ERR_PTR(-EEXIST);
	}
	if (table->count >= KNITS_MAX_SERVICES) {
		NL_SET_ERR_MSG_MOD(extack, "too many services in this namespace");
		return ERR_PTR(-ENOSPC);
	}
	svc = kzalloc(sizeof(*svc), GFP_KERNEL);
	if (!svc)
		return ERR_PTR(-ENOMEM);
	svc->family = family;
	svc->addr = *addr;
	svc->port = port;
	svc->sched = sched;
	svc->mh_table_size = mh_table_size;
	INIT_LIST_HEAD(&svc->members);
	err = knits_obj_stats_init(&svc->stats, GFP_KERNEL);
	if (err)
		goto err_free;
	pool = knits_pool_build(kn, svc, sched, mh_table_size, extack);
	if (IS_ERR(pool)) {
		err = PTR_ERR(pool);
		goto err_stats;
	}
	RCU_INIT_POINTER(svc->pool, pool);
	list_add_tail(&svc->list, &table->list);
	hlist_add_head_rcu(&svc->hnode,
			   &table->hash[knits_svc_hash(family, addr, port)]);
	WRITE_ONCE(table->count, table->count + 1);
	table->generation++;
	return svc;

err_stats:
	knits_obj_stats_free(&svc->stats);
err_free:
	kfree(svc);
	return ERR_PTR(err);
}

int knits_svc_update(struct knits_net *kn, struct knits_svc *svc,
		     const struct knits_sched_ops *sched, u32 mh_table_size,
		     struct netlink_ext_ack *extack)
{
	struct knits_pool *pool = knits_pool_build(kn, svc, sched,
						   mh_table_size, extack);

	if (IS_ERR(pool))
		return PTR_ERR(pool);
	svc->sched = sched;
	svc->mh_table_size = mh_table_size;
	knits_pool_publish(svc, pool);
	kn->services.generation++;
	return 0;
}

static void knits_svc_free_rcu(struct rcu_head *head)
{
	struct knits_svc *svc = container_of(head, struct knits_svc, rcu);

	kvfree(rcu_access_pointer(svc->pool));
	knits_obj_stats_free(&svc->stats);
	kfree(svc);
}

static void knits_svc_unlink(struct knits_net *kn, struct knits_svc *svc)
{
	hlist_del_rcu(&svc->hnode);
	list_del(&svc->list);
	WRITE_ONCE(kn->services.count, kn->services.count - 1);
	kn->services.generation++;
}

static void knits_svc_release(struct knits_svc_table *table,
			      struct knits_svc *svc)
{
	struct knits_member *m, *tmp;

	list_for_each_entry_safe(m, tmp, &svc->members, list) {
		list_del(&m->list);
		knits_member_unindex(table, m);
		call_rcu(&m->rcu, knits_member_put_rcu);
	}
	call_rcu(&svc->rcu, knits_svc_free_rcu);
}

/*
 * The service's connections are forgotten too (ipvsadm -D forgets them).
 * The grace period first: a packet that found the service before it was
 * unhashed may still be making a connection to it, which the flush must
 * see. The frees wait for readers still holding a connection.
 */
void knits_svc_del(struct knits_net *kn, struct knits_svc *svc)
{
	knits_svc_unlink(kn, svc);
	synchronize_rcu();
	knits_conn_flush(kn, svc);
	knits_svc_release(&kn->services, svc);
}

/* Namespace teardown: the hooks are gone and the connections forgotten. */
void knits_svc_table_destroy(struct knits_svc_table *table)
{
	struct knits_net *kn = container_of(table, struct knits_net, services);
	struct knits_svc *svc, *tmp;

	list_for_each_entry_safe(svc, tmp, &table->list, list) {
		knits_svc_unlink(kn, svc);
		knits_svc_release(table, svc);
	}
	rhltable_destroy(&table->members_by_host);
	rhltable_destroy(&table->members_by_endpoint);
}

struct knits_member *knits_member_at(struct knits_svc_table *table, u8 family,
				     const union knits_addr *addr, __be16 port,
				     struct knits_svc **svc_out)
{
	struct knits_member key = {
		.addr = *addr,
		.port = port,
		.family = family,
	};
	struct rhlist_head *list;
	struct knits_member *m;

	list = rhltable_lookup(&table->members_by_endpoint, &key.addr,
			       knits_member_endpoint_params);
	if (!list)
		return NULL;
	/* the first service that has it, as a walk of the services would */
	m = container_of(list, struct knits_member, by_endpoint);
	*svc_out = m->svc;
	return m;
}

bool knits_member_host(struct knits_svc_table *table, u8 family,
		       const union knits_addr *addr)
{
	struct knits_member *m;
	struct rhlist_head *pos, *list;

	list = rhltable_lookup(&table->members_by_host, addr,
			       knits_member_host_params);
	rhl_for_each_entry_rcu(m, pos, list, by_host)
		if (m->family == family)
			return true;
	return false;
}

struct knits_member *knits_member_find(struct knits_svc *svc,
				       const union knits_addr *addr,
				       __be16 port)
{
	struct knits_member *m;

	list_for_each_entry(m, &svc->members, list)
		if (m->port == port && knits_addr_equal(&m->addr, addr))
			return m;
	return NULL;
}

int knits_member_add(struct knits_net *kn, struct knits_svc *svc,
		     const union knits_addr *addr, __be16 port, u32 weight,
		     u8 state, struct netlink_ext_ack *extack)
{
	struct knits_member *m;
	int err;

	if (knits_member_find(svc, addr, port)) {
		NL_SET_ERR_MSG_MOD(extack, "member exists");
		return -EEXIST;
	}
	if (svc->nr_members >= KNITS_MAX_MEMBERS) {
		NL_SET_ERR_MSG_MOD(extack, "too many members in this service");
		return -ENOSPC;
	}
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->family = svc->family;
	m->addr = *addr;
	m->port = port;
	m->weight = weight;
	m->state = state;
	atomic_set(&m->conns, 0);
	atomic_set(&m->active_conns, 0);
	refcount_set(&m->refcnt, 1);
	err = knits_obj_stats_init(&m->stats, GFP_KERNEL);
	if (err) {
		kfree(m);
		return err;
	}
	m->svc = svc;
	err = knits_member_index(&kn->services, m);
	if (err) {
		knits_member_free(m);
		return err;
	}
	list_add_tail(&m->list, &svc->members);
	svc->nr_members++;
	err = knits_svc_rebuild(kn, svc, extack);
	if (err) {
		list_del(&m->list);
		svc->nr_members--;
		knits_member_unindex(&kn->services, m);
		/* a reader may have found it in the tables */
		call_rcu(&m->rcu, knits_member_put_rcu);
	}
	return err;
}

int knits_member_update(struct knits_net *kn, struct knits_svc *svc,
			struct knits_member *m, u32 weight, u8 state,
			struct netlink_ext_ack *extack)
{
	u32 old_weight = m->weight;
	u8 old_state = m->state;
	int err;

	WRITE_ONCE(m->weight, weight);
	WRITE_ONCE(m->state, state);
	err = knits_svc_rebuild(kn, svc, extack);
	if (err) {
		WRITE_ONCE(m->weight, old_weight);
		WRITE_ONCE(m->state, old_state);
	}
	return err;
}

int knits_member_del(struct knits_net *kn, struct knits_svc *svc,
		     struct knits_member *m, struct netlink_ext_ack *extack)
{
	/* a failed rebuild puts it back in its place: order feeds wrr, sh, mh */
	struct list_head *prev = m->list.prev;
	int err;

	list_del(&m->list);
	svc->nr_members--;
	err = knits_svc_rebuild(kn, svc, extack);
	if (err) {
		list_add(&m->list, prev);
		svc->nr_members++;
		return err;
	}
	knits_member_unindex(&kn->services, m);
	call_rcu(&m->rcu, knits_member_put_rcu);
	return 0;
}
