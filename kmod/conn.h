/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * The flow table: one per network namespace, an rhashtable read under RCU
 * by the packet path. A connection is hashed twice, by the 5-tuple of each
 * of its directions as it reaches PRE_ROUTING (client -> VIP, and member ->
 * client), so either direction finds it with one probe.
 */

#ifndef _KNITS_CONN_H
#define _KNITS_CONN_H

#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "core/tcp_side.h"
#include "core/tcp_state.h"
#include "tuple.h"

struct knits_net;
struct knits_svc;
struct knits_member;
struct knits_splice;

enum knits_conn_kind {
	/* a client's connection to a service, NATed to a member */
	KNITS_CONN_CLIENT,
	/* a node's connection to a member's address:port, passed unchanged
	 * until a splice makes it a leg
	 */
	KNITS_CONN_NODE,
};

enum knits_dir {
	KNITS_DIR_ORIG,		/* client -> VIP, rewritten to the member */
	KNITS_DIR_REPLY,	/* member -> client, rewritten from the VIP */
	KNITS_DIR_COUNT,
};

struct knits_conn_ent {
	struct rhash_head node;
	struct knits_tuple tuple;
	u8 dir;
};

struct knits_conn {
	struct knits_conn_ent ent[KNITS_DIR_COUNT];
	spinlock_t lock;
	/* enum knits_tcp_state */
	u8 state;
	/* unhashed (or about to be): packets treat it as gone */
	bool dead;
	/* enum knits_conn_kind */
	u8 kind;
	/* its leg's number in @splice (they are never reused) */
	u32 leg;
	unsigned long expires;
	struct knits_svc *svc;
	struct knits_member *member;
	/* what each direction's sender showed, until a splice (@lock) */
	struct knits_tcp_side side[KNITS_DIR_COUNT];
	/* set once, under @lock, with a reference; packets then follow it */
	struct knits_splice *splice;
	union {
		/* a client's, until it is established: its place among the
		 * table's embryos (under its @embryo_lock); unlinked before
		 * the connection is freed
		 */
		struct list_head embryo;
		struct rcu_head rcu;
	};
};

struct knits_conn_table {
	struct rhashtable ht;
	atomic_t count;
	u32 max;
	struct knits_tcp_timeouts timeouts;
	struct delayed_work gc;
	/*
	 * Clients' connections that were never established, oldest first:
	 * the first to go when the table is full or holds too many of them
	 * (a SYN flood), as conntrack and IPVS drop embryonic entries early.
	 */
	spinlock_t embryo_lock;
	struct list_head embryos;
	u32 nembryos;
};

int knits_conn_table_init(struct knits_conn_table *table);
/* Namespace teardown, after the hooks are gone and a grace period. */
void knits_conn_table_destroy(struct knits_conn_table *table);

int __init knits_conn_cache_init(void);
/* After rcu_barrier(): the cache's objects are freed by RCU callbacks. */
void knits_conn_cache_destroy(void);

static inline struct knits_conn *knits_ent_conn(struct knits_conn_ent *ent)
{
	return container_of(ent - ent->dir, struct knits_conn, ent[0]);
}

/* RCU read side (softirq). */
struct knits_conn_ent *knits_conn_lookup(struct knits_conn_table *table,
					 const struct knits_tuple *t);
struct knits_conn *knits_conn_create(struct knits_net *kn,
				     const struct knits_tuple *orig,
				     struct knits_svc *svc,
				     struct knits_member *member, u8 kind);
/*
 * Forgets the oldest never-established client connection; false if there
 * is none. RCU read side.
 */
bool knits_conn_early_drop(struct knits_conn_table *table);
/* At most this many never-established client connections are kept. */
static inline u32 knits_conn_embryos_max(const struct knits_conn_table *table)
{
	return READ_ONCE(table->max) / 2 ? : 1;
}

/* Forgets @conn now (a SYN reusing its tuple, a member's RST). */
void knits_conn_expire_now(struct knits_net *kn, struct knits_conn *conn);
/*
 * Checks a packet against what its receiver would accept
 * (knits_tcp_seg_check()) and, when it would, applies the packet's flags to
 * the state, rearms the idle timeout and learns the sender's side from it.
 * A spliced connection changes nothing here: *@spliced is set and the
 * splice takes the packet.
 */
enum knits_seg_verdict knits_conn_update(struct knits_conn_table *table,
					 struct knits_conn *conn,
					 enum knits_dir dir,
					 const struct knits_tcp_seg *seg,
					 bool *spliced);
/* The state and timeout part alone, for a spliced connection's packets,
 * with the flags as they leave (0 for a packet the gateway took).
 */
void knits_conn_touch(struct knits_conn_table *table, struct knits_conn *conn,
		      enum knits_dir dir, u8 tcp_flags);
/* A spliced connection's legs closed, as the splice saw: TIME_WAIT. */
void knits_conn_closed(struct knits_conn_table *table, struct knits_conn *conn);

/* Forgets every connection of @svc (every connection if NULL). */
void knits_conn_flush(struct knits_net *kn, struct knits_svc *svc);

#endif /* _KNITS_CONN_H */
