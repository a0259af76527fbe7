/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Services (a TCP VIP:port) and their members, per network namespace.
 *
 * Writers are the generic netlink handlers, serialised by the genl mutex.
 * The packet path reads under RCU: it finds a service in a small hash of
 * RCU lists and asks the service's pool, an immutable snapshot of the
 * members and of the scheduler's tables, rebuilt and republished on every
 * change (as IPVS builds a scheduler's state completely before attaching
 * it). A connection holds a reference on its member, so a member removed
 * from its service lives on, serving its connections, until they end.
 */

#ifndef _KNITS_SERVICE_H
#define _KNITS_SERVICE_H

#include <linux/list.h>
#include <linux/netlink.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/rhashtable-types.h>
#include <linux/siphash.h>
#include <linux/spinlock.h>

#include "core/sched.h"
#include "obj_stats.h"
#include "tuple.h"

struct knits_net;
struct knits_sched_ops;

#define KNITS_SVC_HASH_BITS 6

struct knits_member {
	struct list_head list;
	/* @addr, @port and @family are the key of the namespace's members by
	 * endpoint (KNITS_MEMBER_KEY_LEN bytes); @addr alone of its members
	 * by host
	 */
	union knits_addr addr;
	__be16 port;
	u8 family;
	u8 state;
	u32 weight;
	/* connections bound to the member now, and those ESTABLISHED (lc) */
	atomic_t conns;
	atomic_t active_conns;
	/* one for the service's list, one per connection */
	refcount_t refcnt;
	/* its service; in the namespace's tables while in its list */
	struct knits_svc *svc;
	struct rhlist_head by_endpoint;
	struct rhlist_head by_host;
	struct knits_obj_stats stats;
	struct rcu_head rcu;
};

#define KNITS_MEMBER_KEY_LEN \
	(offsetofend(struct knits_member, family) - \
	 offsetof(struct knits_member, addr))

/*
 * What the packet path schedules from: every member of the service in list
 * order with its effective weight (0 unless ACTIVE), and the scheduler's own
 * state. Immutable once published except for the rr/wrr cursor, which
 * @lock guards.
 */
struct knits_pool {
	const struct knits_sched_ops *ops;
	u32 n;
	struct knits_member **members;
	u32 *weights;
	/* sh and mh: member index per slot; @table_size slots */
	u16 *table;
	u32 table_size;
	spinlock_t lock;
	u32 rr_cursor;
	struct knits_wrr wrr;
	/* the namespace's hash key when the pool was built: sh and mh pick
	 * with the key their table was built with, even during a rekey
	 */
	siphash_key_t key;
	struct rcu_head rcu;
	/* members, weights and table follow in the same allocation */
};

struct knits_svc {
	struct hlist_node hnode;
	struct list_head list;
	union knits_addr addr;
	__be16 port;
	u8 family;
	const struct knits_sched_ops *sched;
	u32 mh_table_size;
	/* enum knits_owner: who made it; only netlink reads it */
	u32 owner;
	struct list_head members;
	u32 nr_members;
	struct knits_pool __rcu *pool;
	struct knits_obj_stats stats;
	struct rcu_head rcu;
};

struct knits_svc_table {
	struct hlist_head hash[1 << KNITS_SVC_HASH_BITS];
	/*
	 * Every member of every service by address:port, and by address:
	 * a SYN that reaches no VIP asks whether it goes to a member and
	 * comes from one (a node's connection to a node) in one probe each,
	 * however many services and members there are. One endpoint may be
	 * a member of several services: lists.
	 */
	struct rhltable members_by_endpoint;
	struct rhltable members_by_host;
	/* every service in creation order, for dumps */
	struct list_head list;
	u32 count;
	/* bumped on every change, for consistent dumps */
	u32 generation;
};

int knits_svc_table_init(struct knits_svc_table *table);
/* Namespace teardown: no reader is left. */
void knits_svc_table_destroy(struct knits_svc_table *table);

/* RCU read side. */
struct knits_svc *knits_svc_find(struct knits_svc_table *table, u8 family,
				 const union knits_addr *addr, __be16 port);
struct knits_member *knits_svc_schedule(struct knits_svc *svc,
					const struct knits_tuple *t);
void knits_member_put(struct knits_member *m);
/*
 * A member of any service at @addr:@port (and its service): where node-to-
 * node connections go.
 */
struct knits_member *knits_member_at(struct knits_svc_table *table, u8 family,
				     const union knits_addr *addr, __be16 port,
				     struct knits_svc **svc);
/* Whether @addr is a member's address in any service: a node. */
bool knits_member_host(struct knits_svc_table *table, u8 family,
		       const union knits_addr *addr);

/* Writers, under the genl mutex. */
struct knits_svc *knits_svc_add(struct knits_net *kn, u8 family,
				const union knits_addr *addr, __be16 port,
				const struct knits_sched_ops *sched,
				u32 mh_table_size,
				struct netlink_ext_ack *extack);
int knits_svc_update(struct knits_net *kn, struct knits_svc *svc,
		     const struct knits_sched_ops *sched, u32 mh_table_size,
		     struct netlink_ext_ack *extack);
void knits_svc_del(struct knits_net *kn, struct knits_svc *svc);
/* Sets the namespace's hash key and rebuilds every pool with it, all or
 * nothing: on failure no pool and not the key has changed.
 */
int knits_svc_rekey(struct knits_net *kn, const siphash_key_t *key,
		    struct netlink_ext_ack *extack);
struct knits_member *knits_member_find(struct knits_svc *svc,
				       const union knits_addr *addr,
				       __be16 port);
int knits_member_add(struct knits_net *kn, struct knits_svc *svc,
		     const union knits_addr *addr, __be16 port, u32 weight,
		     u8 state, struct netlink_ext_ack *extack);
int knits_member_update(struct knits_net *kn, struct knits_svc *svc,
			struct knits_member *m, u32 weight, u8 state,
			struct netlink_ext_ack *extack);
int knits_member_del(struct knits_net *kn, struct knits_svc *svc,
		     struct knits_member *m, struct netlink_ext_ack *extack);

#endif /* _KNITS_SERVICE_H */
