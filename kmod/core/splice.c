// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 */

#include "seq.h"
#include "splice.h"
#include "tcp_state.h"
#include "uapi/knits.h"

static s64 knits_clamp64(s64 v, s64 lo, s64 hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The later of two timestamps (RFC 7323 5.3 compares them as serials). */
static u32 knits_ts_max(u32 a, u32 b)
{
	return knits_seq_after(a, b) ? a : b;
}

/* A window of @bytes as a field its receiver scales by @shift, rounded
 * down (never promise more room than the real receiver has).
 */
static u16 knits_win_field(u64 bytes, u8 shift)
{
	u64 w = bytes >> shift;

	return w > 0xffff ? 0xffff : (u16)w;
}

/* Live leg k's stretches of the two streams: [P_k, P_k+1) up, [S_k,
 * S_k+1) down, and T_k, the stream offset of its up offset 0.
 */
static s64 knits_up_from(const struct knits_splice_state *st, u32 k)
{
	return st->up.entry[k - st->first].from;
}

static s64 knits_up_start(const struct knits_splice_state *st, u32 k)
{
	return -st->up.entry[k - st->first].delta;
}

static s64 knits_up_end(const struct knits_splice_state *st, u32 k)
{
	return k + 1 < st->nlegs ? knits_up_from(st, k + 1) : KNITS_S64_MAX;
}

static s64 knits_down_start(const struct knits_splice_state *st, u32 k)
{
	return st->down.entry[k - st->first].from;
}

static s64 knits_down_end(const struct knits_splice_state *st, u32 k)
{
	return k + 1 < st->nlegs ? knits_down_start(st, k + 1) : KNITS_S64_MAX;
}

/* The oldest live leg whose up sender is a previous node (leg 0's is the
 * client).
 */
static u32 knits_first_sender_leg(const struct knits_splice_state *st)
{
	return st->first ? st->first : 1;
}

/* Where a stale leg's node got the gateway's FIN, in its up offsets. */
static s64 knits_node_fin_off(const struct knits_splice_state *st, u32 k)
{
	return knits_up_end(st, k) - knits_up_start(st, k);
}

/*
 * What the client has acknowledged of leg k's down bytes, in the leg's
 * offsets; a stale node's FIN, which the client never sees, counts as
 * acknowledged once everything before it is.
 */
static s64 knits_node_ack(const struct knits_splice_state *st, u32 k)
{
	s64 from = knits_down_start(st, k), end = knits_down_end(st, k);
	s64 v = knits_clamp64(st->client_acked, from, end) - from;

	if ((st->leg[knits_leg_slot(k)].flags & KNITS_LEG_NODE_FIN) &&
	    st->client_acked >= end)
		v++;
	return v;
}

static u16 knits_win_to_node(const struct knits_splice_state *st, u32 k)
{
	return knits_win_field(st->client_win,
			       st->leg[knits_leg_slot(k)].ws_to_node);
}

static struct knits_emit *knits_emit_add(struct knits_splice_out *out)
{
	if (out->nemit >= KNITS_EMIT_MAX)
		return NULL;
	return &out->emit[out->nemit++];
}

/**
 * knits_splice_fin_to_node() - the FIN that ends a stale node's up stream
 * @st: the splice
 * @leg: a stale leg
 * @e: filled with the segment: FIN at the end of the node's part of the up
 *     stream, acknowledging what the client has acknowledged
 */
void knits_splice_fin_to_node(const struct knits_splice_state *st, u32 leg,
			      struct knits_emit *e)
{
	const struct knits_splice_leg *l = &st->leg[knits_leg_slot(leg)];

	e->leg = leg;
	e->to = KNITS_EMIT_TO_NODE;
	e->flags = KNITS_TCPF_FIN | KNITS_TCPF_ACK;
	e->seq = knits_seq_from_offset(l->up_isn, knits_node_fin_off(st, leg));
	e->ack = knits_seq_from_offset(l->down_isn, knits_node_ack(st, leg));
	e->win = knits_win_to_node(st, leg);
	e->ts = l->flags & KNITS_LEG_TS;
	e->tsval = l->ts_floor_up;
	e->tsecr = l->ts_node_last;
}

/* An ACK to a stale node, after the FIN it has been sent. */
static void knits_emit_node_ack(struct knits_splice_state *st, u32 k,
				struct knits_splice_out *out)
{
	struct knits_splice_leg *l = &st->leg[knits_leg_slot(k)];
	struct knits_emit *e = knits_emit_add(out);

	if (!e)
		return;
	knits_splice_fin_to_node(st, k, e);
	e->flags = KNITS_TCPF_ACK;
	e->seq++;
	l->node_ack_sent = knits_node_ack(st, k);
	l->node_win_sent = e->win;
}

/*
 * An ACK to the client of everything it has been acknowledged, in the
 * current node's words: the answer a receiver owes a duplicate segment
 * (RFC 9293 3.10.7.4) when the leg that had its bytes is gone. It sits
 * where the client's receive window starts, as a node's bare ack does.
 */
static void knits_emit_client_ack(struct knits_splice_state *st,
				  struct knits_splice_out *out)
{
	struct knits_emit *e = knits_emit_add(out);

	if (!e)
		return;
	e->leg = knits_splice_current(st);
	e->to = KNITS_EMIT_TO_CLIENT;
	e->flags = KNITS_TCPF_ACK;
	e->seq = knits_seq_from_offset(st->client_peer_isn, st->client_acked);
	e->ack = knits_seq_from_offset(st->client_isn, st->up_acked);
	e->win = st->win_to_client;
	e->ts = st->client_ts;
	e->tsval = st->ts_floor_client;
	e->tsecr = st->ts_client_last;
}

/* The client has not acknowledged all of stale leg @k's part (its FIN
 * included): the node may still be waiting to send.
 */
static bool knits_stale_node_sending(const struct knits_splice_state *st,
				     u32 k)
{
	return knits_node_ack(st, k) <=
	       knits_down_end(st, k) - knits_down_start(st, k);
}

/*
 * ACKs to every stale node whose bytes the client acknowledged further
 * than it was told, or, while it still has bytes to send, whose window
 * changed (a node stopped by the client's zero window would otherwise
 * wait for ever: the client's window update goes to the current node),
 * except leg @skip, which the caller's packet informs.
 */
static void knits_ack_stale_nodes(struct knits_splice_state *st, s64 skip,
				  struct knits_splice_out *out)
{
	const struct knits_splice_leg *l;
	u32 k;

	for (k = st->first; k + 1 < st->nlegs; k++) {
		l = &st->leg[knits_leg_slot(k)];
		if (k == skip)
			continue;
		if (knits_node_ack(st, k) > l->node_ack_sent ||
		    (knits_stale_node_sending(st, k) &&
		     knits_win_to_node(st, k) != l->node_win_sent))
			knits_emit_node_ack(st, k, out);
	}
}

/*
 * What leg k's node acknowledged of the previous node's copy, and the
 * window it offers, told to the previous node; with its FIN (taken
 * earlier) acknowledged and answered by a FIN of the gateway once the
 * whole copy is. A window that opens without new data acknowledged is
 * told too: a previous node stopped by a zero window would otherwise wait
 * for it forever (its window probes reach no one but the gateway).
 */
static void knits_ack_sender(struct knits_splice_state *st, u32 k, u32 tsval,
			     u16 win, bool again, struct knits_splice_out *out)
{
	struct knits_splice_leg *l = &st->leg[knits_leg_slot(k)];
	bool done = l->node_acked >= l->sender_end;
	bool fin = done && (l->flags & KNITS_LEG_SENDER_FIN);
	s64 v = (done ? l->sender_end : l->node_acked) + fin;
	struct knits_emit *e;

	if (!k || (v <= l->sender_ack_sent && win == l->sender_win_sent &&
		   !again))
		return;
	e = knits_emit_add(out);
	if (!e)
		return;
	e->leg = k;
	e->to = KNITS_EMIT_TO_SENDER;
	e->flags = KNITS_TCPF_ACK | (fin ? KNITS_TCPF_FIN : 0);
	e->seq = l->down_isn + 1;
	e->ack = knits_seq_from_offset(l->up_isn, v);
	e->win = win;
	e->ts = l->flags & KNITS_LEG_TS;
	e->tsval = tsval;
	e->tsecr = l->ts_sender_last;
	l->sender_ack_sent = v;
	l->sender_win_sent = win;
	if (fin)
		l->flags |= KNITS_LEG_SENDER_FIN_SENT;
}

/**
 * knits_splice_init() - the state of a connection about to be spliced
 * @st: the state
 * @client: the client's side of c1
 * @node: the first node's side of c1
 */
void knits_splice_init(struct knits_splice_state *st,
		       const struct knits_tcp_side *client,
		       const struct knits_tcp_side *node)
{
	struct knits_splice_leg *l = &st->leg[0];

	*st = (struct knits_splice_state){ 0 };
	knits_xlate_init(&st->up, 0);
	knits_xlate_init(&st->down, 0);
	st->nlegs = 1;
	st->ws_client = knits_tcp_side_shift(client, node);
	st->ws_to_client = knits_tcp_side_shift(node, client);
	st->client_sack = knits_tcp_sides_agree(client, node, KNITS_SIDE_SACK_OK);
	st->client_ts = knits_tcp_sides_agree(client, node, KNITS_SIDE_TS);
	st->up_fwd = knits_tcp_side_end_off(client);
	st->down_fwd = knits_tcp_side_end_off(node);
	if (client->flags & KNITS_SIDE_ACK) {
		st->client_acked = knits_seq_to_offset(node->isn, client->ack,
						       st->down_fwd);
		st->client_win = (u32)client->win << st->ws_client;
	}
	if (node->flags & KNITS_SIDE_ACK) {
		st->up_acked = knits_seq_to_offset(client->isn, node->ack,
						   st->up_fwd);
		st->win_to_client = node->win;
	}
	st->ts_floor_client = node->ts_last;
	st->ts_client_last = client->ts_last;
	st->client_isn = client->isn;
	st->client_peer_isn = node->isn;
	st->client_mss = client->flags & KNITS_SIDE_MSS ? client->mss : 0;

	l->up_isn = client->isn;
	l->down_isn = node->isn;
	l->node_acked = st->up_acked;
	l->node_ack_sent = st->client_acked;
	l->node_win_sent = client->win;
	l->ts_floor_up = client->ts_last;
	l->ts_node_last = node->ts_last;
	l->ws_node = st->ws_to_client;
	l->ws_to_node = st->ws_client;
	l->flags = (st->client_sack ? KNITS_LEG_SACK : 0) |
		   (st->client_ts ? KNITS_LEG_TS : 0);
}

/**
 * knits_splice_add() - hand the connection off from its current leg
 * @st: the state
 * @c2_sender: the current node's side of c2, the connection it opened
 * @c2_node: the new node's side of c2
 * @t: where the handed-off part starts, in the current leg's up offsets
 * @s: the bytes the current node wrote, in its down offsets
 * @p: the switch point, in the current leg's up offsets, when done
 *
 * Return: KNITS_SPLICE_OK, or the reason for refusing, with @st unchanged.
 */
int knits_splice_add(struct knits_splice_state *st,
		     const struct knits_tcp_side *c2_sender,
		     const struct knits_tcp_side *c2_node,
		     u64 t, u64 s, s64 *p)
{
	u32 c = knits_splice_current(st), k = st->nlegs;
	s64 t_c = knits_up_start(st, c), s_c = knits_down_start(st, c);
	s64 up_p = st->up_fwd, t_s, s_s;
	struct knits_splice_leg *l;
	bool ts;

	if (st->up_fin || st->down_fin || st->reset)
		return KNITS_SPLICE_C1_CLOSED;
	if (!(c2_sender->flags & c2_node->flags & KNITS_SIDE_SYN) ||
	    ((c2_sender->flags | c2_node->flags) &
	     (KNITS_SIDE_DATA | KNITS_SIDE_FIN)))
		return KNITS_SPLICE_C2_NOT_FRESH;
	/* legs still closing hold every slot, or the numbers ran out */
	if (k - st->first >= KNITS_SPLICE_LEGS || k == KNITS_U32_MAX ||
	    st->up.count >= KNITS_XLATE_MAX ||
	    st->down.count >= KNITS_XLATE_MAX)
		return KNITS_SPLICE_TOO_MANY;
	/* the node cannot have read bytes the gateway never forwarded */
	if (t > (u64)(up_p - t_c))
		return KNITS_SPLICE_BAD_T;
	/* nor written fewer bytes than the gateway forwarded from it */
	if (s > (u64)KNITS_S64_MAX - (u64)s_c ||
	    s_c + (s64)s < st->down_fwd)
		return KNITS_SPLICE_BAD_S;
	if (st->client_mss && (c2_sender->flags & KNITS_SIDE_MSS) &&
	    c2_sender->mss > st->client_mss)
		return KNITS_SPLICE_MSS;
	/*
	 * A client that negotiated timestamps expects them on every
	 * segment, which a leg without them cannot give. A client without
	 * them (Windows' default) may meet a leg with them: its segments
	 * reach the node with none, which the node's PAWS check skips (Linux
	 * checks only segments that carry one), and the node's reach the
	 * client with the node's own, which RFC 7323 3.2 has it ignore.
	 */
	ts = knits_tcp_sides_agree(c2_sender, c2_node, KNITS_SIDE_TS);
	if (st->client_ts && !ts)
		return KNITS_SPLICE_TIMESTAMPS;

	t_s = t_c + (s64)t;
	s_s = s_c + (s64)s;
	if (!knits_xlate_push(&st->up, up_p, -t_s, k))
		return KNITS_SPLICE_TOO_MANY;
	if (!knits_xlate_push(&st->down, s_s, -s_s, k)) {
		st->up.count--;
		return KNITS_SPLICE_TOO_MANY;
	}
	l = &st->leg[knits_leg_slot(k)];
	*l = (struct knits_splice_leg){ 0 };
	l->up_isn = c2_sender->isn;
	l->down_isn = c2_node->isn;
	l->sender_end = up_p - t_s;
	l->sender_win_sent = c2_node->win;
	l->ws_node = knits_tcp_side_shift(c2_node, c2_sender);
	l->ws_to_node = knits_tcp_side_shift(c2_sender, c2_node);
	l->flags = (ts ? KNITS_LEG_TS : 0) |
		   (knits_tcp_sides_agree(c2_sender, c2_node,
					  KNITS_SIDE_SACK_OK) ?
		    KNITS_LEG_SACK : 0) |
		   (c2_sender->flags & KNITS_SIDE_ACK ?
		    KNITS_LEG_HANDSHAKE_DONE : 0);
	/*
	 * The node's clock continues the client's view where it stands
	 * (the floor keeps it from ever going back), and the client's
	 * continues the one the node knows from the previous node.
	 */
	l->ts_to_client = st->ts_floor_client - c2_node->ts_last;
	l->ts_to_node = c2_sender->ts_last - st->ts_client_last;
	l->ts_floor_up = c2_sender->ts_last;
	l->ts_node_last = c2_node->ts_last;
	l->ts_sender_last = c2_sender->ts_last;
	st->nlegs++;
	*p = up_p - t_c;
	l->req_t = t;
	l->req_s = s;
	l->req_p = *p;
	return KNITS_SPLICE_OK;
}

/**
 * knits_splice_resent() - whether a request is the one that made leg @k
 * @st: the splice
 * @from: the leg of the requester's c1
 * @k: the leg of the request's c2
 * @t: the request's T
 * @s: the request's S
 * @p: set to the switch point answered then
 *
 * A node resends a request it got no answer to; the gateway may have made
 * the splice and lost only the answer (or the daemon died in between). A
 * c2 serves one splice only, so a live leg @k made from leg @from with the
 * same T and S can only be that request again.
 *
 * Return: true when it is, with @p set.
 */
bool knits_splice_resent(const struct knits_splice_state *st, u32 from, u32 k,
			 u64 t, u64 s, s64 *p)
{
	const struct knits_splice_leg *l;

	if (k != from + 1 || k < st->first || k >= st->nlegs)
		return false;
	l = &st->leg[knits_leg_slot(k)];
	if (l->req_t != t || l->req_s != s)
		return false;
	*p = l->req_p;
	return true;
}

/*
 * The leg a client segment of up offsets [@lo, @end) goes to, or -1. One
 * that starts in a retired leg's part can still go to a live leg that
 * holds all of it.
 */
static s64 knits_client_leg(const struct knits_splice_state *st, s64 lo,
			    s64 end)
{
	const struct knits_xlate_entry *e = knits_xlate_lookup(&st->up, lo);
	u32 m = st->nlegs, low = e ? e->leg + 1 : st->first;

	if (e && end <= knits_up_end(st, e->leg))
		return e->leg;
	/* spans a switch point: the newest leg that holds all of it */
	while (m-- > low)
		if (knits_up_from(st, m) < end && knits_up_start(st, m) <= lo)
			return m;
	return -1;
}

/* Client SACK blocks (down offsets) for leg @k; returns those kept. */
static u8 knits_sack_to_node(const struct knits_splice_state *st, u32 k,
			     struct knits_tcp_opts *o)
{
	const struct knits_splice_leg *l = &st->leg[knits_leg_slot(k)];
	s64 from = knits_down_start(st, k), end = knits_down_end(st, k);
	u8 i, n = 0;

	if (!(l->flags & KNITS_LEG_SACK))
		return 0;
	for (i = 0; i < o->nsack; i++) {
		s64 a = knits_seq_to_offset(st->client_peer_isn,
					    o->sack_start[i], st->client_acked);
		s64 b = knits_seq_to_offset(st->client_peer_isn,
					    o->sack_end[i], st->client_acked);

		a = a > from ? a : from;
		b = b < end ? b : end;
		if (a >= b)
			continue;
		o->sack_start[n] = knits_seq_from_offset(l->down_isn, a - from);
		o->sack_end[n] = knits_seq_from_offset(l->down_isn, b - from);
		n++;
	}
	return n;
}

/*
 * An RST at stream offset @at, toward a receiver that was acknowledged up
 * to @acked and sent up to @top. Its receiver resets only on one exactly
 * where it stands, and answers any other in its window with a challenge
 * ACK (RFC 5961 3.2): the gateway, which does not see the receiver's next
 * number directly, takes one at @acked (what the receiver said it has) or
 * at @top (what its sender has sent, where a sender that just wrote
 * stands) as the end, passes the rest of the range on unlearned, and
 * drops the blind guesses outside it, which no receiver would take.
 * Returns false for a drop; *@ends says whether it ends the conversation.
 */
static bool knits_reset_check(s64 at, s64 acked, s64 top, bool *ends)
{
	*ends = at == acked || at == top;
	return at >= acked && at <= top;
}

/**
 * knits_splice_from_client() - a segment the client sent
 * @st: the state
 * @seg: the segment; its SACK blocks are rewritten in place
 * @out: the verdict, the leg and header fields, the segments to send
 */
void knits_splice_from_client(struct knits_splice_state *st,
			      struct knits_tcp_seg *seg,
			      struct knits_splice_out *out)
{
	struct knits_splice_leg *l;
	bool fin = seg->flags & KNITS_TCPF_FIN;
	bool reset = false;
	s64 lo, hi, k;

	out->nemit = 0;
	out->ts = false;
	out->flags = seg->flags;
	lo = knits_seq_to_offset(st->client_isn, seg->seq, st->up_fwd);
	hi = lo + seg->len;
	if ((seg->flags & KNITS_TCPF_RST) &&
	    !knits_reset_check(lo, st->up_acked, st->up_fwd + st->up_fin,
			       &reset)) {
		out->verdict = KNITS_SPLICE_DROP_WINDOW;
		return;
	}
	if (seg->flags & KNITS_TCPF_ACK) {
		s64 a = knits_seq_to_offset(st->client_peer_isn, seg->ack,
					    st->client_acked);

		/* never more than was sent: a bogus ack must not retire data */
		if (a > st->client_acked && a <= st->down_fwd + st->down_fin)
			st->client_acked = a;
		st->client_win = (u32)seg->win << st->ws_client;
	}
	if (seg->has_opts && seg->opts.has_ts)
		st->ts_client_last = knits_ts_max(seg->opts.tsval,
						  st->ts_client_last);

	k = seg->len || fin ? knits_client_leg(st, lo, hi + fin) :
			      knits_splice_current(st);
	if (k < 0 && hi + fin <= st->up_acked) {
		/* bytes of a retired leg again: an ack to the client was lost */
		knits_emit_client_ack(st, out);
		out->verdict = KNITS_SPLICE_ABSORB;
		return;
	}
	if (k < 0) {
		out->verdict = KNITS_SPLICE_DROP_STRADDLE;
		return;
	}
	/* a bare segment carries no bytes: one after the FIN sits past it */
	if ((seg->len || fin) && hi > st->up_fwd)
		st->up_fwd = hi;
	if (fin)
		st->up_fin = true;
	if (reset)
		st->reset = true;
	l = &st->leg[knits_leg_slot(k)];
	out->verdict = KNITS_SPLICE_FORWARD;
	out->leg = k;
	if (seg->len || fin) {
		out->seq = knits_seq_from_offset(l->up_isn,
						 lo - knits_up_start(st, k));
	} else {
		/*
		 * A bare ack goes where the node's receive window starts
		 * (what it acknowledged last): where the client's stream
		 * stands may be beyond that window while a previous node's
		 * copy is still coming, and the node would discard the ack
		 * unread (RFC 9293 3.10.7.4). A window probe stays one byte
		 * behind, so that the node answers it with its window.
		 */
		s64 at = l->node_acked;

		if (lo < st->up_acked && at > 0)
			at--;
		out->seq = knits_seq_from_offset(l->up_isn, at);
	}
	out->ack = knits_seq_from_offset(l->down_isn, knits_node_ack(st, k));
	if (knits_node_ack(st, k) > l->node_ack_sent)
		l->node_ack_sent = knits_node_ack(st, k);
	out->win = knits_win_to_node(st, k);
	l->node_win_sent = out->win;
	out->ts = seg->has_opts && seg->opts.has_ts &&
		  (l->flags & KNITS_LEG_TS);
	if (out->ts) {
		out->tsval = knits_ts_max(seg->opts.tsval + l->ts_to_node,
					  l->ts_floor_up);
		l->ts_floor_up = out->tsval;
		out->tsecr = seg->opts.tsecr - l->ts_to_client;
	}
	out->sack_keep = seg->has_opts ? knits_sack_to_node(st, k, &seg->opts)
				       : 0;
	knits_ack_stale_nodes(st, k, out);
}

/*
 * The down offset where the current node's stream stands (its FIN counts):
 * a new leg's node starts at S, @from, which may be beyond what was
 * forwarded to the client yet.
 */
static s64 knits_node_top(const struct knits_splice_state *st, s64 from)
{
	s64 top = st->down_fwd + st->down_fin;

	return top < from ? from : top;
}

/**
 * knits_splice_from_node() - a segment the node of leg @leg sent
 * @st: the state
 * @leg: the leg
 * @seg: the segment; its SACK blocks are rewritten in place
 * @out: the verdict, header fields for the client, segments to send
 */
void knits_splice_from_node(struct knits_splice_state *st, u32 leg,
			    struct knits_tcp_seg *seg,
			    struct knits_splice_out *out)
{
	struct knits_splice_leg *l = &st->leg[knits_leg_slot(leg)];
	bool stale = leg != knits_splice_current(st);
	bool fin = seg->flags & KNITS_TCPF_FIN;
	s64 from, end, t, lo, hi, right = -1;
	bool acked = false, reset = false;
	u8 i;

	out->nemit = 0;
	out->ts = false;
	out->leg = leg;
	out->flags = seg->flags;
	out->sack_keep = 0;
	if (leg < st->first) {
		/* a retired leg's node: it had all its answers */
		out->verdict = KNITS_SPLICE_ABSORB;
		return;
	}
	from = knits_down_start(st, leg);
	end = knits_down_end(st, leg);
	t = knits_up_start(st, leg);
	lo = knits_seq_to_offset(l->down_isn, seg->seq,
				 st->down_fwd > from ? st->down_fwd - from : 0);
	hi = lo + seg->len;
	if (seg->has_opts && seg->opts.has_ts)
		l->ts_node_last = knits_ts_max(seg->opts.tsval,
					       l->ts_node_last);
	if (lo < 0 || (seg->flags & KNITS_TCPF_SYN)) {
		/* a retransmitted SYN-ACK: the leg is past it */
		out->verdict = KNITS_SPLICE_ABSORB;
		return;
	}
	if (!stale && (seg->flags & KNITS_TCPF_RST) &&
	    !knits_reset_check(from + lo, st->client_acked,
			       knits_node_top(st, from), &reset)) {
		out->verdict = KNITS_SPLICE_DROP_WINDOW;
		return;
	}
	if (seg->flags & KNITS_TCPF_ACK) {
		s64 z = knits_seq_to_offset(l->up_isn, seg->ack, l->node_acked);
		s64 u = z + t;
		s64 top = st->up_fwd + st->up_fin;

		if (z > l->node_acked)
			l->node_acked = z;
		/* the right edge of the node's window, in stream offsets */
		right = u + ((s64)seg->win << l->ws_node);
		if (u > knits_up_end(st, leg))
			u = knits_up_end(st, leg);
		if (u > top)
			u = top;
		if (u > st->up_acked) {
			st->up_acked = u;
			acked = true;
		}
		/* the node's latest clock: a reordered segment's would go
		 * back, and the previous node's PAWS check drop the ack
		 */
		knits_ack_sender(st, leg, l->ts_node_last, seg->win, false,
				 out);
	}
	out->ack = knits_seq_from_offset(st->client_isn, st->up_acked);
	if (stale) {
		if (seg->flags & KNITS_TCPF_RST) {
			out->verdict = KNITS_SPLICE_ABSORB;
			return;
		}
		/* a bare ack after the node's FIN sits one past its end
		 * (it may overtake the FIN)
		 */
		if (from + hi > end + (!seg->len && !fin)) {
			out->verdict = KNITS_SPLICE_DROP_OVERRUN;
			return;
		}
		/*
		 * Bytes the client has acknowledged: the gateway's ack to the
		 * node was lost. The client would answer with a duplicate
		 * ack, which is no news for the current node and so never
		 * reaches this one: the gateway answers instead, and keeps
		 * the duplicate from the client.
		 */
		if (seg->len && from + lo < st->client_acked) {
			knits_emit_node_ack(st, leg, out);
			if (from + hi <= st->client_acked && !fin) {
				out->verdict = KNITS_SPLICE_ABSORB;
				return;
			}
		}
		if (fin) {
			out->flags &= ~KNITS_TCPF_FIN;
			if (from + hi == end)
				l->flags |= KNITS_LEG_NODE_FIN;
			/* answer every copy: an earlier answer may be lost */
			if (knits_node_ack(st, leg) > (s64)(end - from))
				knits_emit_node_ack(st, leg, out);
		}
		/* a window probe, or a node that missed an ack: answered */
		if (!seg->len && !fin && lo < knits_node_ack(st, leg))
			knits_emit_node_ack(st, leg, out);
		if (!seg->len && !acked) {
			out->verdict = KNITS_SPLICE_ABSORB;
			return;
		}
		out->win = st->win_to_client;
	} else {
		/*
		 * The client's window starts at what it was acknowledged,
		 * which a previous node's acks may have taken beyond what
		 * this node has of its copy: offer only the room up to the
		 * node's right edge, or the client sends what the node drops.
		 */
		s64 room = right - st->up_acked;

		if (right < 0)
			room = (s64)seg->win << l->ws_node;
		out->win = knits_win_field(room > 0 ? room : 0,
					   st->ws_to_client);
		st->win_to_client = out->win;
		if (fin)
			st->down_fin = true;
		if (reset)
			st->reset = true;
	}
	out->verdict = KNITS_SPLICE_FORWARD;
	if (seg->len || fin) {
		out->seq = knits_seq_from_offset(st->client_peer_isn,
						 from + lo);
	} else {
		/*
		 * A bare ack goes where the client's receive window starts
		 * (what it acknowledged last): behind it the client would
		 * take it for an old duplicate, beyond its window it would
		 * discard it. The current node's window probe stays one
		 * byte behind, so that the client answers it.
		 */
		s64 at = st->client_acked;

		if (!stale && from + lo < st->client_acked && at > 0)
			at--;
		out->seq = knits_seq_from_offset(st->client_peer_isn, at);
	}
	if ((seg->len || fin) && from + hi > st->down_fwd)
		st->down_fwd = from + hi;
	out->ts = seg->has_opts && seg->opts.has_ts && st->client_ts;
	if (out->ts) {
		out->tsval = knits_ts_max(seg->opts.tsval + l->ts_to_client,
					  st->ts_floor_client);
		st->ts_floor_client = out->tsval;
		out->tsecr = seg->opts.tsecr - l->ts_to_node;
	}
	if (seg->has_opts && st->client_sack) {
		struct knits_tcp_opts *o = &seg->opts;

		for (i = 0; i < o->nsack; i++) {
			s64 a = knits_seq_to_offset(l->up_isn, o->sack_start[i],
						    l->node_acked);
			s64 b = knits_seq_to_offset(l->up_isn, o->sack_end[i],
						    l->node_acked);

			o->sack_start[i] = knits_seq_from_offset(st->client_isn,
								 a + t);
			o->sack_end[i] = knits_seq_from_offset(st->client_isn,
							       b + t);
		}
		out->sack_keep = o->nsack;
	}
	knits_ack_stale_nodes(st, -1, out);
}

/**
 * knits_splice_from_sender() - a segment the previous node sent on leg @leg
 * @st: the state
 * @leg: the leg (> 0)
 * @seg: the segment
 * @out: the verdict, header fields for the node, segments to send
 *
 * The previous node writes its copy of the client's bytes (T_k to P_k),
 * then closes: the copy goes to the node with the acknowledgment, window
 * and timestamp the client's side stands at; its FIN, acks and RST stay
 * with the gateway.
 */
void knits_splice_from_sender(struct knits_splice_state *st, u32 leg,
			      struct knits_tcp_seg *seg,
			      struct knits_splice_out *out)
{
	struct knits_splice_leg *l = &st->leg[knits_leg_slot(leg)];
	bool fin = seg->flags & KNITS_TCPF_FIN;
	s64 lo, hi;

	out->nemit = 0;
	out->ts = false;
	out->leg = leg;
	out->flags = seg->flags;
	out->sack_keep = 0;
	if (leg < st->first) {
		/* a retired leg's previous node: it had all its answers */
		out->verdict = KNITS_SPLICE_ABSORB;
		return;
	}
	lo = knits_seq_to_offset(l->up_isn, seg->seq, l->sender_end);
	hi = lo + seg->len;
	if (seg->has_opts && seg->opts.has_ts)
		l->ts_sender_last = knits_ts_max(seg->opts.tsval,
						 l->ts_sender_last);
	if ((seg->flags & (KNITS_TCPF_SYN | KNITS_TCPF_RST)) || lo < 0) {
		out->verdict = KNITS_SPLICE_ABSORB;
		return;
	}
	if ((l->flags & KNITS_LEG_SENDER_FIN_SENT) &&
	    (seg->flags & KNITS_TCPF_ACK) && seg->ack == l->down_isn + 2)
		l->flags |= KNITS_LEG_SENDER_FIN_ACKED;
	/*
	 * Bytes the node has acknowledged already: the gateway's ack to the
	 * previous node was lost. The node would only answer with a
	 * duplicate ack, which says nothing new to the previous node and so
	 * is not passed on; the gateway answers instead.
	 */
	if (seg->len && hi <= l->sender_ack_sent) {
		knits_ack_sender(st, leg, l->ts_node_last, l->sender_win_sent,
				 true, out);
		out->verdict = KNITS_SPLICE_ABSORB;
		return;
	}
	/* its bare ack of the gateway's FIN sits one past its FIN (which
	 * it may overtake)
	 */
	if (hi > l->sender_end + (!seg->len && !fin)) {
		out->verdict = KNITS_SPLICE_DROP_OVERRUN;
		return;
	}
	if (fin) {
		out->flags &= ~KNITS_TCPF_FIN;
		if (hi == l->sender_end)
			l->flags |= KNITS_LEG_SENDER_FIN;
		knits_ack_sender(st, leg, l->ts_node_last, l->sender_win_sent,
				 true, out);
	} else if (!seg->len && lo < l->sender_ack_sent) {
		/* a window probe (RFC 9293 3.8.6.1, one byte before what
		 * was acknowledged): the answer carries the window
		 */
		knits_ack_sender(st, leg, l->ts_node_last, l->sender_win_sent,
				 true, out);
	}
	/* the handshake's last ACK goes on to the node; other bare
	 * segments would only be duplicate acks to it
	 */
	if (!seg->len && ((l->flags & KNITS_LEG_HANDSHAKE_DONE) || fin ||
			  lo || !(seg->flags & KNITS_TCPF_ACK))) {
		out->verdict = KNITS_SPLICE_ABSORB;
		return;
	}
	if (seg->flags & KNITS_TCPF_ACK)
		l->flags |= KNITS_LEG_HANDSHAKE_DONE;
	out->verdict = KNITS_SPLICE_FORWARD;
	out->seq = seg->seq;
	out->ack = knits_seq_from_offset(l->down_isn, knits_node_ack(st, leg));
	out->win = knits_win_to_node(st, leg);
	l->node_win_sent = out->win;
	out->ts = seg->has_opts && seg->opts.has_ts &&
		  (l->flags & KNITS_LEG_TS);
	if (out->ts) {
		out->tsval = knits_ts_max(seg->opts.tsval, l->ts_floor_up);
		l->ts_floor_up = out->tsval;
		out->tsecr = seg->opts.tsecr;
	}
}

/**
 * knits_splice_pending() - segments to send again while legs close
 * @st: the state
 * @out: the segments (only @nemit and @emit are set)
 *
 * Called now and then (the flow table's collector): a stale node, or a
 * previous node on its leg, that has not acknowledged the gateway's FIN
 * gets it again.
 */
void knits_splice_pending(struct knits_splice_state *st,
			  struct knits_splice_out *out)
{
	u32 k;

	out->nemit = 0;
	/* (a reset too: a stale node still waits for its end of the stream) */
	for (k = st->first; k + 1 < st->nlegs; k++) {
		struct knits_emit *e;

		if (st->leg[knits_leg_slot(k)].node_acked >
		    knits_node_fin_off(st, k))
			continue;
		e = knits_emit_add(out);
		if (e)
			knits_splice_fin_to_node(st, k, e);
	}
	/* the gateway's FIN to a previous node, until it is acknowledged */
	for (k = knits_first_sender_leg(st); k < st->nlegs; k++) {
		const struct knits_splice_leg *l = &st->leg[knits_leg_slot(k)];

		if ((l->flags & KNITS_LEG_SENDER_FIN_SENT) &&
		    !(l->flags & KNITS_LEG_SENDER_FIN_ACKED))
			knits_ack_sender(st, k, l->ts_node_last,
					 l->sender_win_sent, true, out);
	}
}

/* Both FINs of the client's conversation went through and were acknowledged. */
static bool knits_client_closed(const struct knits_splice_state *st)
{
	return st->up_fin && st->down_fin && st->up_acked > st->up_fwd &&
	       st->client_acked > st->down_fwd;
}

/*
 * Stale leg @k's node is done: its FIN was taken and the gateway's
 * acknowledged, and the client has every byte of its part (or reset, and
 * will take no more).
 */
static bool knits_stale_node_done(const struct knits_splice_state *st, u32 k)
{
	const struct knits_splice_leg *l = &st->leg[knits_leg_slot(k)];

	return (l->flags & KNITS_LEG_NODE_FIN) &&
	       l->node_acked > knits_node_fin_off(st, k) &&
	       (st->reset || !knits_stale_node_sending(st, k));
}

/*
 * Leg @k's (> 0) connection in the flow table is over: its node's end and
 * its up sender's are both closed. The current leg's node ends with the
 * client's conversation; a stale node once its FIN and the gateway's were
 * both acknowledged; a previous node once its FIN was taken and the
 * gateway's acknowledged. (Leg 0's is the client's connection: it ends
 * with what the client sees, its node may still be closing.)
 */
static bool knits_leg_closed(const struct knits_splice_state *st, u32 k)
{
	const struct knits_splice_leg *l = &st->leg[knits_leg_slot(k)];
	u8 sender_done = KNITS_LEG_SENDER_FIN | KNITS_LEG_SENDER_FIN_ACKED;

	/* a reset ended its node's end, and its sender waits for an
	 * acknowledgement of its copy that will not come
	 */
	if (k == knits_splice_current(st) && st->reset)
		return true;
	if ((l->flags & sender_done) != sender_done)
		return false;
	if (k == knits_splice_current(st))
		return knits_client_closed(st);
	return knits_stale_node_done(st, k);
}

/*
 * The oldest live leg, @k, is no longer needed: it is stale, both its ends
 * are closed (leg 0's up sender is the client, which stays), and the
 * client was acknowledged all of its part of the up stream, so that a
 * client segment there is a duplicate the gateway answers itself.
 */
static bool knits_leg_retirable(const struct knits_splice_state *st, u32 k)
{
	if (k == knits_splice_current(st) || !knits_stale_node_done(st, k))
		return false;
	if (k && !(st->leg[knits_leg_slot(k)].flags & KNITS_LEG_CLOSED))
		return false;
	return st->up_acked >= knits_up_end(st, k);
}

/**
 * knits_splice_take_closed() - legs whose connections have just ended
 * @st: the state
 * @first: set to the leg of the mask's bit 0
 * @client: set when the client's connection (leg 0's) has just ended
 *
 * Called after every segment: the flow table puts a leg's connection in
 * TIME_WAIT, as it would an unspliced one whose FINs it saw, so that its
 * timeout is TIME_WAIT's and a client or node that opens a new connection
 * on the same ports gets a new entry (the flow table's state machine sees
 * only one leg's FINs of a spliced connection: it cannot tell). An RST
 * from the client or the current node ends the client's connection and
 * the current leg's at once: nobody will close them otherwise. Stale legs
 * still end with their nodes' FINs, which may still be coming, but no
 * longer wait for the client's acknowledgements.
 *
 * Then the legs nothing needs any more are retired, oldest first, and
 * their slots go to later hand-offs: a caller that wants a reported leg's
 * own state (its node's tuple) reads it before the next knits_splice_add().
 *
 * Return: a mask of the legs just ended (bit i for leg @first + i), each
 * reported once.
 */
u32 knits_splice_take_closed(struct knits_splice_state *st, u32 *first,
			     bool *client)
{
	u32 closed = 0, k;

	*first = st->first;
	*client = !st->client_reported &&
		  (st->reset || knits_client_closed(st));
	if (*client)
		st->client_reported = true;
	for (k = knits_first_sender_leg(st); k < st->nlegs; k++) {
		struct knits_splice_leg *l = &st->leg[knits_leg_slot(k)];

		if ((l->flags & KNITS_LEG_CLOSED) || !knits_leg_closed(st, k))
			continue;
		l->flags |= KNITS_LEG_CLOSED;
		closed |= 1U << (k - st->first);
	}
	while (knits_leg_retirable(st, st->first)) {
		knits_xlate_retire_oldest(&st->up);
		knits_xlate_retire_oldest(&st->down);
		st->first++;
	}
	return closed;
}
