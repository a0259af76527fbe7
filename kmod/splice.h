/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * A spliced connection in the kernel: the core's translation state
 * (core/splice.h) with the addresses of its legs, shared by the client's
 * connection and every leg's connection in the flow table, each holding a
 * reference. One lock serialises every packet of every leg: the legs of
 * one client connection share its stream offsets.
 */

#ifndef _KNITS_SPLICE_H
#define _KNITS_SPLICE_H

#include <linux/netfilter.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>

#include "conn.h"
#include "core/splice.h"
#include "tuple.h"

struct knits_net;

struct knits_splice {
	spinlock_t lock;
	refcount_t ref;
	/* the namespace's flow table owns every holder of a reference */
	struct net *net;
	/* the client's connection as it arrives (client -> VIP) */
	struct knits_tuple client;
	/* each leg's node -> up sender tuple, as the node sends */
	struct knits_tuple node[KNITS_SPLICE_LEGS];
	struct knits_splice_state st;
};

unsigned int knits_splice_packet(struct knits_net *kn, struct sk_buff *skb,
				 const struct nf_hook_state *state,
				 struct knits_conn *conn, enum knits_dir dir,
				 unsigned int thoff, struct knits_tcp_seg *seg,
				 bool opts_ok);
/* Zeroed; process context. knits_splice_free() for one never published. */
struct knits_splice *knits_splice_alloc(void);
void knits_splice_free(struct knits_splice *sp);
void knits_splice_put(struct knits_splice *sp);
int __init knits_splice_cache_init(void);
/* After rcu_barrier(): the last references go in RCU callbacks. */
void knits_splice_cache_destroy(void);
/* The tuple a segment the core asked for is sent with. */
void knits_splice_emit_tuple(const struct knits_splice *sp,
			     const struct knits_emit *e, struct knits_tuple *t);
/* Process context: sends again what may have been lost. */
void knits_splice_tick(struct knits_net *kn, struct knits_splice *sp);

/*
 * KNITS_CMD_SPLICE: @c1 and @c2 are the connections as the requesting node
 * sends on them (local -> peer). Returns enum knits_splice_status; @p is
 * set when KNITS_SPLICE_OK.
 */
int knits_splice_request(struct net *net, const struct knits_tuple *c1,
			 const struct knits_tuple *c2, u64 t, u64 s, s64 *p);

/*
 * KNITS_CMD_PREPARE: whether a splice of @c1 (as the node sends on it)
 * would pass c1's checks now. Returns KNITS_SPLICE_OK, _NO_C1,
 * _NOT_SERVING or _C1_CLOSED; changes nothing.
 */
int knits_splice_prepare(struct net *net, const struct knits_tuple *c1);

#endif /* _KNITS_SPLICE_H */
