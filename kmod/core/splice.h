/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * The translation state of one spliced client connection and the decisions
 * the packet path makes from it (Documentation/design.md, "Splice").
 *
 * Two streams are followed in the client's offsets: up (client to nodes)
 * and down (nodes to client). Leg 0 is c1, the client's connection to the
 * first node; leg k > 0 is the connection node k-1 opened to node k. On
 * every leg "up" is the direction toward the leg's node (its server) and
 * "down" the one from it; the up sender is the client on leg 0 and the
 * previous node on the others.
 *
 * Hand-off k (to leg k) has three numbers in stream offsets: P_k, where
 * client bytes start going to leg k; T_k, the stream offset of leg k's up
 * offset 0 (the previous node copies client bytes T_k..P_k onto leg k
 * itself, so a client segment that straddles P_k and starts at or after T_k
 * goes to leg k whole, with bytes equal to the copy); and S_k, the stream
 * offset of leg k's down offset 0. The up and down histories (xlate.h) hold
 * {P_k, -T_k} and {S_k, -S_k}.
 *
 * A leg that has handed off is stale: its node got a FIN at the end of its
 * part of the up stream, may still retransmit its down bytes below
 * S_{k+1}, and sends a FIN of its own, which the gateway takes and
 * acknowledges once the client has acknowledged the node's bytes. The
 * previous node's own end of leg k (its copy, then its FIN) is closed the
 * same way once leg k's node has acknowledged the copy. Nobody else sees
 * any of it.
 *
 * A stale leg whose both ends are closed, and which no byte in flight can
 * still need, is retired: its slot and its entries in the histories are
 * reused, so a connection can be handed off any number of times; only the
 * legs live at once are bounded (KNITS_SPLICE_LEGS). Leg numbers keep
 * counting, so a late packet of a retired leg is known for what it is.
 *
 * The functions here only decide; the caller owns the packet, applies the
 * rewrite they describe and sends the segments they ask for.
 */

#ifndef _KNITS_CORE_SPLICE_H
#define _KNITS_CORE_SPLICE_H

#include "compat.h"
#include "tcp_side.h"
#include "xlate.h"

/* Legs of one connection live at once: the current one and those closing. */
#define KNITS_SPLICE_LEGS KNITS_XLATE_MAX

enum knits_leg_flag {
	/* SACK and timestamps were negotiated on the leg */
	KNITS_LEG_SACK = 1 << 0,
	KNITS_LEG_TS = 1 << 1,
	/* stale: the node's FIN (at the end of its down part) was taken */
	KNITS_LEG_NODE_FIN = 1 << 2,
	/* the previous node's FIN on this leg (after its copy) was taken */
	KNITS_LEG_SENDER_FIN = 1 << 3,
	/* the gateway's FIN to the previous node was sent */
	KNITS_LEG_SENDER_FIN_SENT = 1 << 4,
	/* the previous node's ACK of the node's SYN went through: a splice
	 * may come before it (it is in flight when the node asks), and the
	 * node needs it to finish its handshake
	 */
	KNITS_LEG_HANDSHAKE_DONE = 1 << 5,
	/* the previous node acknowledged the gateway's FIN on this leg */
	KNITS_LEG_SENDER_FIN_ACKED = 1 << 6,
	/* knits_splice_take_closed() has reported the leg's connection */
	KNITS_LEG_CLOSED = 1 << 7,
};

/* Leg numbers are for ever; a live leg's state sits in slot k % LEGS. */
static inline u32 knits_leg_slot(u32 k)
{
	return k % KNITS_SPLICE_LEGS;
}

struct knits_splice_leg {
	/* ISNs of the leg's up sender and of its node */
	u32 up_isn;
	u32 down_isn;
	/* highest up leg offset the node acknowledged (its FIN included) */
	s64 node_acked;
	/* highest down leg offset announced to a stale node as acknowledged,
	 * and the window field it was last told
	 */
	s64 node_ack_sent;
	u16 node_win_sent;
	/* leg > 0: where the previous node's own bytes end (P_k - T_k) */
	s64 sender_end;
	/* leg > 0: highest up leg offset acknowledged to the previous node,
	 * and the last window field it was told (the node's, unchanged)
	 */
	s64 sender_ack_sent;
	u16 sender_win_sent;
	/* node TSval + @ts_to_client is in the client's clock; client TSval
	 * + @ts_to_node is in the clock the node knows from its peer
	 */
	u32 ts_to_client;
	u32 ts_to_node;
	/* last TSval sent toward the node; last ones the node and the
	 * previous node sent (echoed in synthesized segments)
	 */
	u32 ts_floor_up;
	u32 ts_node_last;
	u32 ts_sender_last;
	/* the request that made the leg and the P it was answered, so that
	 * the same request sent again gets the same answer
	 */
	u64 req_t;
	u64 req_s;
	s64 req_p;
	u16 mss;
	/* shifts of the windows the node sends and of those it receives */
	u8 ws_node;
	u8 ws_to_node;
	u8 flags;
};

struct knits_splice_state {
	struct knits_xlate up;
	struct knits_xlate down;
	/* highest up offset sent by the client and forwarded (P candidates) */
	s64 up_fwd;
	/* highest up offset acknowledged to the client */
	s64 up_acked;
	/* highest down offset forwarded to the client, and acknowledged by it */
	s64 down_fwd;
	s64 client_acked;
	/* last window the client advertised, in bytes */
	u32 client_win;
	/* the last window field sent to the client (stale legs reuse it) */
	u16 win_to_client;
	/* shifts of the client's windows and of those it receives */
	u8 ws_client;
	u8 ws_to_client;
	bool client_sack;
	bool client_ts;
	/* the client's FIN, and one to the client, went through */
	bool up_fin;
	bool down_fin;
	/* knits_splice_take_closed() has reported the client's connection */
	bool client_reported;
	/* an RST from the client or the current node, where its receiver
	 * stands or its sender does, ended the conversation
	 */
	bool reset;
	/* last TSval sent to the client, and the client's latest */
	u32 ts_floor_client;
	u32 ts_client_last;
	/* the client's ISN and the first node's: they number what the client
	 * sees and sends whichever legs are live; and the client's MSS
	 */
	u32 client_isn;
	u32 client_peer_isn;
	u16 client_mss;
	/* legs made so far (the next one's number), and the oldest live one:
	 * legs @first to @nlegs - 1 are live, leg k in leg[knits_leg_slot(k)]
	 * and in the histories' entry k - @first
	 */
	u32 first;
	u32 nlegs;
	struct knits_splice_leg leg[KNITS_SPLICE_LEGS];
};

/* A segment the caller must make and send on a leg. */
enum knits_emit_to {
	/* to the leg's node, as from its up sender */
	KNITS_EMIT_TO_NODE,
	/* to the leg's previous node (its up sender), as from the node */
	KNITS_EMIT_TO_SENDER,
	/* to the client, as from the service (@leg unused) */
	KNITS_EMIT_TO_CLIENT,
};

struct knits_emit {
	u32 leg;
	u8 to;
	u8 flags;
	bool ts;
	u32 seq;
	u32 ack;
	u16 win;
	u32 tsval;
	u32 tsecr;
};

#define KNITS_EMIT_MAX (2 * KNITS_SPLICE_LEGS)

enum knits_splice_verdict {
	/* rewrite as described and forward */
	KNITS_SPLICE_FORWARD,
	/* taken by the gateway (a stale leg's FIN, ack, or RST) */
	KNITS_SPLICE_ABSORB,
	/* a node's bytes beyond its part of the stream */
	KNITS_SPLICE_DROP_OVERRUN,
	/* a client segment no leg can take whole */
	KNITS_SPLICE_DROP_STRADDLE,
	/* an RST from the client or the current node outside the range its
	 * receiver can be at: a blind guess (RFC 5961)
	 */
	KNITS_SPLICE_DROP_WINDOW,
};

/*
 * The rewrite of one forwarded segment: the leg it goes out on (for
 * addresses) and the new header fields. SACK blocks are rewritten in place
 * in @seg->opts; @sack_keep of them stay, the rest of the option is left
 * to the caller to fill (it repeats the last kept block) or, when 0, to
 * turn into NOPs.
 */
struct knits_splice_out {
	u8 verdict;
	u32 leg;
	u8 flags;
	u32 seq;
	u32 ack;
	u16 win;
	/* @tsval and @tsecr replace the segment's timestamps */
	bool ts;
	u32 tsval;
	u32 tsecr;
	u8 sack_keep;
	u8 nemit;
	struct knits_emit emit[KNITS_EMIT_MAX];
};

void knits_splice_init(struct knits_splice_state *st,
		       const struct knits_tcp_side *client,
		       const struct knits_tcp_side *node);
bool knits_splice_resent(const struct knits_splice_state *st, u32 from, u32 k,
			 u64 t, u64 s, s64 *p);
int knits_splice_add(struct knits_splice_state *st,
		     const struct knits_tcp_side *c2_sender,
		     const struct knits_tcp_side *c2_node,
		     u64 t, u64 s, s64 *p);
void knits_splice_fin_to_node(const struct knits_splice_state *st, u32 leg,
			      struct knits_emit *e);

void knits_splice_from_client(struct knits_splice_state *st,
			      struct knits_tcp_seg *seg,
			      struct knits_splice_out *out);
void knits_splice_from_node(struct knits_splice_state *st, u32 leg,
			    struct knits_tcp_seg *seg,
			    struct knits_splice_out *out);
void knits_splice_from_sender(struct knits_splice_state *st, u32 leg,
			      struct knits_tcp_seg *seg,
			      struct knits_splice_out *out);
void knits_splice_pending(struct knits_splice_state *st,
			  struct knits_splice_out *out);
u32 knits_splice_take_closed(struct knits_splice_state *st, u32 *first,
			     bool *client);

static inline u32 knits_splice_current(const struct knits_splice_state *st)
{
	return st->nlegs - 1;
}

#endif /* _KNITS_CORE_SPLICE_H */
