// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * The flow table (conn.h): creation on the packet path, idle timeouts by
 * TCP state, and a garbage collector that forgets expired connections.
 *
 * A connection is removed by whoever first marks it dead under its lock
 * (the collector, a SYN reusing its tuple, a flush); both entries are then
 * unhashed and the object freed after a grace period, so a reader that
 * found it just before keeps a valid object, sees @dead, and treats the
 * packet as one of no connection.
 */

#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/rhashtable.h>
#include <linux/siphash.h>
#include <linux/slab.h>

#include "conn.h"
#include "pernet.h"
#include "rht_sweep.h"
#include "service.h"
#include "splice.h"

#define KNITS_GC_INTERVAL HZ
/* entries a sweep looks at between reschedules */
#define KNITS_GC_BATCH 1024
static_assert(sizeof(struct knits_tuple) <= KNITS_RHT_SWEEP_KEY_MAX);

static struct kmem_cache *knits_conn_cache __read_mostly;
static siphash_key_t knits_conn_hash_key __read_mostly;

/*
 * Clients choose their addresses and ports, so the hash is keyed with a
 * secret; rhashtable's own per-table seed is folded in so a rehash, which
 * rhashtable starts when a chain grows too long, also changes the hash.
 */
static u32 knits_tuple_hashfn(const void *data, u32 len, u32 seed)
{
	siphash_key_t key = knits_conn_hash_key;

	key.key[0] ^= seed;
	return (u32)siphash(data, len, &key);
}

static const struct rhashtable_params knits_conn_params = {
	.head_offset = offsetof(struct knits_conn_ent, node),
	.key_offset = offsetof(struct knits_conn_ent, tuple),
	.key_len = sizeof(struct knits_tuple),
	.hashfn = knits_tuple_hashfn,
	.automatic_shrinking = true,
};

struct knits_conn_ent *knits_conn_lookup(struct knits_conn_table *table,
					 const struct knits_tuple *t)
{
	return rhashtable_lookup(&table->ht, t, knits_conn_params);
}

static void knits_conn_free_rcu(struct rcu_head *head)
{
	struct knits_conn *conn = container_of(head, struct knits_conn, rcu);

	if (conn->splice)
		knits_splice_put(conn->splice);
	knits_member_put(conn->member);
	kmem_cache_free(knits_conn_cache, conn);
}

/*
 * Under a flood of SYNs that are never answered, a half-open entry goes
 * after this long, whatever its state's timeout: a real client's handshake
 * takes a round trip, and its next SYN makes a new entry.
 */
#define KNITS_EMBRYO_PRESSURE_SECS 5

static void knits_conn_embryo_unlink(struct knits_conn_table *table,
				     struct knits_conn *conn)
{
	/* once unlinked never linked again: only embryos pay for the lock */
	if (list_empty(&conn->embryo))
		return;
	spin_lock_bh(&table->embryo_lock);
	if (!list_empty(&conn->embryo)) {
		list_del_init(&conn->embryo);
		table->nembryos--;
	}
	spin_unlock_bh(&table->embryo_lock);
}

/* The caller marked @conn dead. */
static void knits_conn_unhash(struct knits_conn_table *table,
			      struct knits_conn *conn, int hashed)
{
	int dir;

	for (dir = 0; dir < hashed; dir++)
		rhashtable_remove_fast(&table->ht, &conn->ent[dir].node,
				       knits_conn_params);
	/* dead: its state no longer changes */
	if (conn->kind == KNITS_CONN_CLIENT) {
		if (conn->state == KNITS_TCP_ESTABLISHED)
			atomic_dec(&conn->member->active_conns);
		atomic_dec(&conn->member->conns);
	}
	atomic_dec(&table->count);
	/* its embryo link and its RCU head share their place */
	if (conn->kind == KNITS_CONN_CLIENT)
		knits_conn_embryo_unlink(table, conn);
	call_rcu(&conn->rcu, knits_conn_free_rcu);
}

/* Marks @conn dead unless someone else did; true if the caller did. */
static bool knits_conn_kill(struct knits_conn *conn, bool only_if_expired)
{
	bool killed = false;

	/* the collector's look at every connection takes no lock: only the
	 * expired ones are checked again under it
	 */
	if (only_if_expired && !time_after(jiffies, READ_ONCE(conn->expires)))
		return false;
	spin_lock_bh(&conn->lock);
	if (!conn->dead &&
	    (!only_if_expired || time_after(jiffies, conn->expires))) {
		conn->dead = true;
		killed = true;
	}
	spin_unlock_bh(&conn->lock);
	return killed;
}

bool knits_conn_early_drop(struct knits_conn_table *table)
{
	struct knits_conn *conn;

	spin_lock_bh(&table->embryo_lock);
	conn = list_first_entry_or_null(&table->embryos, struct knits_conn,
					embryo);
	if (conn) {
		list_del_init(&conn->embryo);
		table->nembryos--;
	}
	spin_unlock_bh(&table->embryo_lock);
	if (!conn)
		return false;
	/* (RCU keeps it whole if someone else is forgetting it too) */
	if (knits_conn_kill(conn, false))
		knits_conn_unhash(table, conn, KNITS_DIR_COUNT);
	return true;
}

void knits_conn_expire_now(struct knits_net *kn, struct knits_conn *conn)
{
	/* a connection whose tuple a new one takes is over: it counts as
	 * expired, or conns_expired would depend on how soon clients reuse
	 * their ports
	 */
	if (knits_conn_kill(conn, false)) {
		knits_conn_unhash(&kn->conns, conn, KNITS_DIR_COUNT);
		knits_stats_inc(&kn->stats, KNITS_CTR_CONNS_EXPIRED);
	}
}

struct knits_conn *knits_conn_create(struct knits_net *kn,
				     const struct knits_tuple *orig,
				     struct knits_svc *svc,
				     struct knits_member *member, u8 kind)
{
	struct knits_conn_table *table = &kn->conns;
	struct knits_tuple *reply;
	struct knits_conn *conn;
	int count, err;

	count = atomic_inc_return(&table->count);
	/* a full table makes room by its oldest embryo, never by an
	 * established connection
	 */
	if (count > READ_ONCE(table->max) &&
	    (kind != KNITS_CONN_CLIENT || !knits_conn_early_drop(table))) {
		atomic_dec(&table->count);
		return ERR_PTR(-ENOSPC);
	}
	if (count > READ_ONCE(table->max))
		knits_stats_inc(&kn->stats, KNITS_CTR_EARLY_DROP_FULL);
	/* the collector sleeps while the table is empty */
	if (count == 1)
		queue_delayed_work(system_power_efficient_wq, &table->gc,
				   KNITS_GC_INTERVAL);
	conn = kmem_cache_zalloc(knits_conn_cache, GFP_ATOMIC);
	if (!conn) {
		atomic_dec(&table->count);
		return ERR_PTR(-ENOMEM);
	}
	conn->ent[KNITS_DIR_ORIG].tuple = *orig;
	conn->ent[KNITS_DIR_ORIG].dir = KNITS_DIR_ORIG;
	reply = &conn->ent[KNITS_DIR_REPLY].tuple;
	reply->family = orig->family;
	reply->src = member->addr;
	reply->sport = member->port;
	reply->dst = orig->src;
	reply->dport = orig->sport;
	conn->ent[KNITS_DIR_REPLY].dir = KNITS_DIR_REPLY;
	spin_lock_init(&conn->lock);
	INIT_LIST_HEAD(&conn->embryo);
	conn->state = KNITS_TCP_NONE;
	conn->expires = jiffies + table->timeouts.secs[KNITS_TCP_NONE] * HZ;
	conn->kind = kind;
	conn->svc = svc;
	conn->member = member;
	refcount_inc(&member->refcnt);
	/* node connections do not load the member as clients do */
	if (kind == KNITS_CONN_CLIENT)
		atomic_inc(&member->conns);

	err = rhashtable_lookup_insert_fast(&table->ht,
					    &conn->ent[KNITS_DIR_ORIG].node,
					    knits_conn_params);
	if (err) {
		conn->dead = true;
		knits_conn_unhash(table, conn, 0);
		return ERR_PTR(err);
	}
	err = rhashtable_lookup_insert_fast(&table->ht,
					    &conn->ent[KNITS_DIR_REPLY].node,
					    knits_conn_params);
	if (err) {
		/* the first entry may have been seen: unhash as any other */
		conn->dead = true;
		knits_conn_unhash(table, conn, 1);
		return ERR_PTR(err);
	}
	/* once hashed: an embryo dropped early is unhashed and freed. No
	 * packet can establish it before this one has passed.
	 */
	if (kind == KNITS_CONN_CLIENT) {
		spin_lock_bh(&table->embryo_lock);
		list_add_tail(&conn->embryo, &table->embryos);
		table->nembryos++;
		spin_unlock_bh(&table->embryo_lock);
	}
	return conn;
}

/* Under @conn->lock, not dead. */
static void knits_conn_set_state(struct knits_conn_table *table,
				 struct knits_conn *conn, u8 state)
{
	unsigned long secs = READ_ONCE(table->timeouts.secs[state]);

	if (conn->kind == KNITS_CONN_CLIENT &&
	    (state == KNITS_TCP_ESTABLISHED) !=
	    (conn->state == KNITS_TCP_ESTABLISHED)) {
		if (state == KNITS_TCP_ESTABLISHED)
			atomic_inc(&conn->member->active_conns);
		else
			atomic_dec(&conn->member->active_conns);
	}
	if (conn->kind == KNITS_CONN_CLIENT) {
		/* an RST in the handshake leaves it an embryo */
		if (!knits_tcp_state_is_embryonic(state) &&
		    state != KNITS_TCP_CLOSE)
			knits_conn_embryo_unlink(table, conn);
		else if (READ_ONCE(table->nembryos) >=
			 knits_conn_embryos_max(table) / 2 &&
			 secs > KNITS_EMBRYO_PRESSURE_SECS)
			secs = KNITS_EMBRYO_PRESSURE_SECS;
	}
	conn->state = state;
	WRITE_ONCE(conn->expires, jiffies + secs * HZ);
}

/* Under @conn->lock, not dead. */
static void knits_conn_step(struct knits_conn_table *table,
			    struct knits_conn *conn, enum knits_dir dir,
			    u8 tcp_flags)
{
	knits_conn_set_state(table, conn,
			     knits_tcp_next_state(conn->state,
						  dir == KNITS_DIR_ORIG,
						  tcp_flags));
}

enum knits_seg_verdict knits_conn_update(struct knits_conn_table *table,
					 struct knits_conn *conn,
					 enum knits_dir dir,
					 const struct knits_tcp_seg *seg,
					 bool *spliced)
{
	struct knits_tcp_side *sender = &conn->side[dir];
	struct knits_tcp_side *receiver = &conn->side[!dir];
	enum knits_seg_verdict verdict = KNITS_SEG_ACCEPT;

	spin_lock(&conn->lock);
	*spliced = conn->splice;
	if (!conn->dead && !*spliced) {
		verdict = knits_tcp_seg_check(sender, receiver, seg);
		if (verdict == KNITS_SEG_ACCEPT) {
			knits_conn_step(table, conn, dir, seg->flags);
			knits_tcp_side_update(sender, receiver, seg);
		}
	}
	spin_unlock(&conn->lock);
	return verdict;
}

void knits_conn_touch(struct knits_conn_table *table, struct knits_conn *conn,
		      enum knits_dir dir, u8 tcp_flags)
{
	spin_lock(&conn->lock);
	if (!conn->dead)
		knits_conn_step(table, conn, dir, tcp_flags);
	spin_unlock(&conn->lock);
}

void knits_conn_closed(struct knits_conn_table *table, struct knits_conn *conn)
{
	spin_lock(&conn->lock);
	if (!conn->dead && conn->state != KNITS_TCP_CLOSE)
		knits_conn_set_state(table, conn, KNITS_TCP_TIME_WAIT);
	spin_unlock(&conn->lock);
}

struct knits_conn_sweep_arg {
	struct knits_conn_table *table;
	bool (*match)(struct knits_conn *conn, const void *arg);
	const void *arg;
	bool only_if_expired;
};

/* A connection is visited at its ORIG entry. */
static bool knits_conn_sweep_visit(void *obj, void *arg)
{
	const struct knits_conn_sweep_arg *a = arg;
	struct knits_conn_ent *ent = obj;
	struct knits_conn *conn;

	if (ent->dir != KNITS_DIR_ORIG)
		return false;
	conn = knits_ent_conn(ent);
	if ((a->match && !a->match(conn, a->arg)) ||
	    !knits_conn_kill(conn, a->only_if_expired))
		return false;
	knits_conn_unhash(a->table, conn, KNITS_DIR_COUNT);
	return true;
}

/*
 * Forgets the connections @match says to (all if NULL) and returns how
 * many. A complete sweep misses none that stay in the table throughout
 * (rht_sweep.h); the collector's need not, it runs again in a second.
 */
static unsigned int knits_conn_sweep(struct knits_conn_table *table,
				     bool (*match)(struct knits_conn *conn,
						   const void *arg),
				     const void *arg, bool only_if_expired,
				     bool complete)
{
	struct knits_conn_sweep_arg a = {
		.table = table,
		.match = match,
		.arg = arg,
		.only_if_expired = only_if_expired,
	};
	const struct knits_rht_sweep sweep = {
		.ht = &table->ht,
		.params = &knits_conn_params,
		.batch = KNITS_GC_BATCH,
		.complete = complete,
		.visit = knits_conn_sweep_visit,
		.arg = &a,
	};

	return knits_rht_sweep(&sweep);
}

/* Every spliced client connection, once per collection: its splice sends
 * again what a lossy link may have eaten.
 */
static bool knits_conn_gc_visit(struct knits_conn *conn, const void *kn)
{
	struct knits_splice *sp = READ_ONCE(conn->splice);

	if (sp && conn->kind == KNITS_CONN_CLIENT)
		knits_splice_tick((struct knits_net *)kn, sp);
	return true;
}

static void knits_conn_gc(struct work_struct *work)
{
	struct knits_conn_table *table =
		container_of(to_delayed_work(work), struct knits_conn_table, gc);
	struct knits_net *kn = container_of(table, struct knits_net, conns);
	unsigned int expired;

	expired = knits_conn_sweep(table, knits_conn_gc_visit, kn, true, false);
	if (expired) {
		local_bh_disable();
		knits_stats_add(&kn->stats, KNITS_CTR_CONNS_EXPIRED, expired);
		local_bh_enable();
	}
	if (atomic_read(&table->count))
		queue_delayed_work(system_power_efficient_wq, &table->gc,
				   KNITS_GC_INTERVAL);
}

static bool knits_conn_of_svc(struct knits_conn *conn, const void *svc)
{
	return READ_ONCE(conn->svc) == svc;
}

void knits_conn_flush(struct knits_net *kn, struct knits_svc *svc)
{
	knits_conn_sweep(&kn->conns, svc ? knits_conn_of_svc : NULL, svc,
			 false, true);
}

int knits_conn_table_init(struct knits_conn_table *table)
{
	int err;

	err = rhashtable_init(&table->ht, &knits_conn_params);
	if (err)
		return err;
	atomic_set(&table->count, 0);
	table->max = KNITS_MAX_CONNS_DEFAULT;
	spin_lock_init(&table->embryo_lock);
	INIT_LIST_HEAD(&table->embryos);
	table->nembryos = 0;
	knits_tcp_timeouts_init(&table->timeouts);
	INIT_DELAYED_WORK(&table->gc, knits_conn_gc);
	return 0;
}

void knits_conn_table_destroy(struct knits_conn_table *table)
{
	cancel_delayed_work_sync(&table->gc);
	knits_conn_sweep(table, NULL, NULL, false, true);
	/* rhashtable_destroy() frees the buckets, not what is in them */
	WARN_ON_ONCE(atomic_read(&table->count));
	rhashtable_destroy(&table->ht);
}

int __init knits_conn_cache_init(void)
{
	get_random_bytes(&knits_conn_hash_key, sizeof(knits_conn_hash_key));
	knits_conn_cache = KMEM_CACHE(knits_conn, 0);
	return knits_conn_cache ? 0 : -ENOMEM;
}

void knits_conn_cache_destroy(void)
{
	kmem_cache_destroy(knits_conn_cache);
}
