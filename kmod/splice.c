// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * The packet path of a spliced connection: the core decides under the
 * splice's lock, this file moves bytes: addresses to the chosen leg (or to
 * the client, from the VIP), the TCP header as decided, and the segments
 * the core asks for, sent after the lock is released.
 */

#include <linux/slab.h>

#include "emit.h"
#include "nat.h"
#include "packet.h"
#include "pernet.h"
#include "splice.h"
#include "tcp_rewrite.h"

/* A cache of its own: its objects are counted in /proc/slabinfo, and its
 * destruction at unload says so if one was leaked
 */
static struct kmem_cache *knits_splice_cache __read_mostly;

struct knits_splice *knits_splice_alloc(void)
{
	return kmem_cache_zalloc(knits_splice_cache, GFP_KERNEL);
}

void knits_splice_free(struct knits_splice *sp)
{
	kmem_cache_free(knits_splice_cache, sp);
}

void knits_splice_put(struct knits_splice *sp)
{
	/* the last holder was a connection freed after a grace period: no
	 * reader can still see @sp
	 */
	if (refcount_dec_and_test(&sp->ref))
		knits_splice_free(sp);
}

int __init knits_splice_cache_init(void)
{
	knits_splice_cache = KMEM_CACHE(knits_splice, 0);
	return knits_splice_cache ? 0 : -ENOMEM;
}

void knits_splice_cache_destroy(void)
{
	kmem_cache_destroy(knits_splice_cache);
}

void knits_splice_emit_tuple(const struct knits_splice *sp,
			     const struct knits_emit *e, struct knits_tuple *t)
{
	const struct knits_tuple *from;

	/* the client's tuple runs toward the VIP, the nodes' from the node */
	if (e->to == KNITS_EMIT_TO_CLIENT)
		from = &sp->client;
	else
		from = &sp->node[knits_leg_slot(e->leg)];
	*t = *from;
	if (e->to != KNITS_EMIT_TO_SENDER) {
		t->src = from->dst;
		t->sport = from->dport;
		t->dst = from->src;
		t->dport = from->sport;
	}
}

/*
 * The tuples of the segments @out asks for, taken under @sp's lock: once
 * it is released a hand-off may give a retired leg's slot to a new leg,
 * and a segment meant for the old node would reach the new one.
 */
static void knits_splice_emit_tuples(const struct knits_splice *sp,
				     const struct knits_splice_out *out,
				     struct knits_tuple *t)
{
	u8 i;

	for (i = 0; i < out->nemit; i++)
		knits_splice_emit_tuple(sp, &out->emit[i], &t[i]);
}

static void knits_splice_send(struct knits_net *kn,
			      const struct knits_splice *sp,
			      const struct knits_splice_out *out,
			      const struct knits_tuple *t)
{
	u8 i;

	for (i = 0; i < out->nemit; i++)
		knits_stats_inc(&kn->stats,
				knits_emit(sp->net, &t[i], &out->emit[i]) ?
				KNITS_CTR_SPLICE_EMIT_FAILED :
				KNITS_CTR_SPLICE_SYNTHESIZED);
}

void knits_splice_tick(struct knits_net *kn, struct knits_splice *sp)
{
	struct knits_tuple t[KNITS_EMIT_MAX];
	struct knits_splice_out out;

	local_bh_disable();
	spin_lock(&sp->lock);
	knits_splice_pending(&sp->st, &out);
	knits_splice_emit_tuples(sp, &out, t);
	spin_unlock(&sp->lock);
	knits_splice_send(kn, sp, &out, t);
	local_bh_enable();
}

/* The flow table's connection of leg @k of @sp (0: the client's), if any. */
static struct knits_conn *knits_splice_leg_conn(struct knits_net *kn,
						const struct knits_splice *sp,
						struct knits_conn *conn, u32 k)
{
	struct knits_conn_ent *ent;
	struct knits_conn *leg;

	if (conn->leg == k)
		return conn;
	ent = knits_conn_lookup(&kn->conns,
				k ? &sp->node[knits_leg_slot(k)] : &sp->client);
	if (!ent)
		return NULL;
	leg = knits_ent_conn(ent);
	return READ_ONCE(leg->splice) == sp && leg->leg == k ? leg : NULL;
}

/*
 * The connections of the legs in @closed (bit i: leg @first + i), and the
 * client's if @client, are over (see knits_splice_take_closed()); @conn,
 * the packet's, may be one of them. Under @sp's lock, which keeps the
 * legs' tuples from going to a new hand-off meanwhile (a connection's lock
 * nests in it).
 */
static void knits_splice_end_legs(struct knits_net *kn,
				  const struct knits_splice *sp,
				  struct knits_conn *conn, u32 first,
				  u32 closed, bool client)
{
	struct knits_conn *leg;

	if (client) {
		leg = knits_splice_leg_conn(kn, sp, conn, 0);
		if (leg)
			knits_conn_closed(&kn->conns, leg);
	}
	for (; closed; closed &= closed - 1) {
		leg = knits_splice_leg_conn(kn, sp, conn,
					    first + __ffs(closed));
		if (leg)
			knits_conn_closed(&kn->conns, leg);
	}
}

/* Addresses: toward leg @k's node as its up sender, or toward the client
 * from the VIP. The route is taken first, by the new destination and the
 * source the packet arrived with (see knits_route_input()).
 */
static enum knits_counter knits_splice_readdress(struct sk_buff *skb,
						 const struct nf_hook_state *state,
						 const struct knits_splice *sp,
						 u8 family, unsigned int thoff,
						 bool to_client, u32 k)
{
	/* the client's tuple and the nodes' run the other way: swap */
	const struct knits_tuple *t = to_client ? &sp->client :
				      &sp->node[knits_leg_slot(k)];

	if (knits_route_input(skb, state, &t->src))
		return KNITS_CTR_DROP_NO_ROUTE;
	if (knits_nat_rewrite(skb, family, thoff, KNITS_NAT_DST, &t->src,
			      t->sport) ||
	    knits_nat_rewrite(skb, family, thoff, KNITS_NAT_SRC, &t->dst,
			      t->dport))
		return KNITS_CTR_DROP_UNWRITABLE;
	return KNITS_CTR_UNSPEC;
}

unsigned int knits_splice_packet(struct knits_net *kn, struct sk_buff *skb,
				 const struct nf_hook_state *state,
				 struct knits_conn *conn, enum knits_dir dir,
				 unsigned int thoff, struct knits_tcp_seg *seg,
				 bool opts_ok)
{
	/* pairs with the release that published it: its state is whole */
	struct knits_splice *sp = smp_load_acquire(&conn->splice);
	bool from_client = conn->kind == KNITS_CONN_CLIENT &&
			   dir == KNITS_DIR_ORIG;
	struct knits_tuple t[KNITS_EMIT_MAX];
	bool to_client = dir == KNITS_DIR_REPLY;
	struct knits_splice_out out;
	enum knits_counter why;
	u32 closed, first;
	bool client, reset;

	if (!opts_ok) {
		knits_stats_inc(&kn->stats, KNITS_CTR_DROP_SPLICE_OPTIONS);
		return NF_DROP;
	}
	spin_lock(&sp->lock);
	if (from_client)
		knits_splice_from_client(&sp->st, seg, &out);
	else if (to_client)
		knits_splice_from_node(&sp->st, conn->leg, seg, &out);
	else
		knits_splice_from_sender(&sp->st, conn->leg, seg, &out);
	reset = sp->st.reset;
	closed = knits_splice_take_closed(&sp->st, &first, &client);
	if (closed || client)
		knits_splice_end_legs(kn, sp, conn, first, closed, client);
	knits_splice_emit_tuples(sp, &out, t);
	spin_unlock(&sp->lock);
	knits_splice_send(kn, sp, &out, t);

	switch (out.verdict) {
	case KNITS_SPLICE_FORWARD:
		break;
	case KNITS_SPLICE_ABSORB:
		knits_conn_touch(&kn->conns, conn, dir, 0);
		knits_stats_inc(&kn->stats, KNITS_CTR_SPLICE_ABSORBED);
		return NF_DROP;
	case KNITS_SPLICE_DROP_OVERRUN:
		knits_stats_inc(&kn->stats, KNITS_CTR_DROP_SPLICE_OVERRUN);
		return NF_DROP;
	case KNITS_SPLICE_DROP_WINDOW:
		knits_stats_inc(&kn->stats, KNITS_CTR_DROP_OUT_OF_WINDOW);
		return NF_DROP;
	default:
		knits_stats_inc(&kn->stats, KNITS_CTR_DROP_SPLICE_STRADDLE);
		return NF_DROP;
	}
	/*
	 * Only an ACK (which ends a handshake) and an RST that ended the
	 * conversation (one passed on as a guess ends nothing): a leg's
	 * entry sees one leg's FINs, and which legs are over the splice says
	 */
	if (!reset && (out.flags & KNITS_TCPF_RST))
		knits_stats_inc(&kn->stats, KNITS_CTR_PASS_UNTRUSTED);
	knits_conn_touch(&kn->conns, conn, dir,
			 out.flags & (KNITS_TCPF_ACK |
				      (reset ? KNITS_TCPF_RST : 0)));
	/* the previous node's copy keeps its addresses: it is on its leg */
	if (from_client || to_client) {
		why = knits_splice_readdress(skb, state, sp, sp->client.family,
					     thoff, to_client, out.leg);
		if (why != KNITS_CTR_UNSPEC) {
			knits_stats_inc(&kn->stats, why);
			return NF_DROP;
		}
	}
	if (knits_tcp_rewrite(skb, thoff, seg, &out)) {
		knits_stats_inc(&kn->stats, KNITS_CTR_DROP_UNWRITABLE);
		return NF_DROP;
	}
	knits_stats_inc(&kn->stats, to_client ? KNITS_CTR_SPLICED_TO_CLIENT :
						KNITS_CTR_SPLICED_TO_NODE);
	knits_untrack(skb);
	return NF_ACCEPT;
}
