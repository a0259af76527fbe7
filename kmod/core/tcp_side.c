// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 */

#include "seq.h"
#include "tcp_side.h"
#include "tcp_state.h"

/*
 * Whether @ack acknowledges @side's SYN: its ISN and at most the data a
 * Fast Open SYN carried (a node may take the SYN without the data).
 */
static bool knits_tcp_acks_syn(const struct knits_tcp_side *side, u32 ack)
{
	return (side->flags & KNITS_SIDE_SYN) &&
	       knits_seq_after(ack, side->isn) &&
	       !knits_seq_after(ack, side->end);
}

/*
 * An RST from @sender. Before the receiver has acknowledged anything (it
 * sent a SYN at most), an RST is its peer refusing that SYN, which it must
 * acknowledge (RFC 9293 3.10.7.3), or the sender aborting its own SYN at
 * its next number. After, the receiver resets only on an RST exactly where
 * it stands, and answers one elsewhere in its window with a challenge ACK
 * (RFC 5961 3.2; Linux also takes its FIN's number after a FIN, and an RST
 * right after the sender's last byte is where a sender that just wrote
 * stands, as conntrack lets through). Outside the window it drops it.
 */
static enum knits_seg_verdict
knits_tcp_rst_check(const struct knits_tcp_side *sender,
		    const struct knits_tcp_side *receiver,
		    const struct knits_tcp_seg *seg)
{
	bool at_sender_end = (sender->flags & KNITS_SIDE_SYN) &&
			     seg->seq == sender->end;

	if (!(receiver->flags & KNITS_SIDE_ACK)) {
		if (((seg->flags & KNITS_TCPF_ACK) &&
		     knits_tcp_acks_syn(receiver, seg->ack)) || at_sender_end)
			return KNITS_SEG_ACCEPT;
		return KNITS_SEG_DROP;
	}
	if (seg->seq == receiver->ack || at_sender_end ||
	    ((sender->flags & KNITS_SIDE_FIN) && seg->seq + 1 == receiver->ack))
		return KNITS_SEG_ACCEPT;
	if (knits_seq_after_eq(seg->seq, receiver->ack) &&
	    knits_seq_before_eq(seg->seq, receiver->right))
		return KNITS_SEG_IGNORE;
	return KNITS_SEG_DROP;
}

/**
 * knits_tcp_seg_check() - whether a segment's receiver would accept it
 * @sender: the sender's side
 * @receiver: the receiver's side
 * @seg: the segment, as it arrived (its checksum verified)
 *
 * The gateway sees every segment of both ends before the other end does,
 * so what it learned bounds what either can legitimately send: nothing
 * starts beyond the right edge of the widest window the receiver announced
 * (Linux never shrinks one; a shrunk one still holds what was sent into
 * it), and nothing acknowledges bytes the receiver never sent. A segment
 * outside these is one the receiver throws away (RFC 9293 3.10.7.4; Linux
 * tcp_sequence() and tcp_ack()): dropping it here loses nothing, and
 * forwarding it unlearned could let P fall behind bytes a node took. A
 * side starts once its peer has answered: a later SYN (a retransmission, a
 * client that lost its state, a forgery) is forwarded for the receiver to
 * answer and changes nothing here, nor does a SYN-ACK that does not
 * acknowledge the SYN.
 *
 * Return: enum knits_seg_verdict.
 */
enum knits_seg_verdict knits_tcp_seg_check(const struct knits_tcp_side *sender,
					   const struct knits_tcp_side *receiver,
					   const struct knits_tcp_seg *seg)
{
	bool fin = seg->flags & KNITS_TCPF_FIN;

	if (seg->flags & KNITS_TCPF_RST)
		return knits_tcp_rst_check(sender, receiver, seg);
	if (seg->flags & KNITS_TCPF_SYN) {
		/* a client that connects again from its port before any
		 * answer (a new ISN) starts afresh
		 */
		if ((sender->flags & KNITS_SIDE_SYN) &&
		    (receiver->flags & KNITS_SIDE_SYN))
			return KNITS_SEG_IGNORE;
		if ((seg->flags & KNITS_TCPF_ACK) &&
		    (receiver->flags & KNITS_SIDE_SYN) &&
		    !knits_tcp_acks_syn(receiver, seg->ack))
			return KNITS_SEG_IGNORE;
		return KNITS_SEG_ACCEPT;
	}
	if (!(sender->flags & KNITS_SIDE_SYN) ||
	    !(receiver->flags & KNITS_SIDE_SYN))
		return KNITS_SEG_ACCEPT;
	if ((seg->flags & KNITS_TCPF_ACK) &&
	    knits_seq_after(seg->ack, receiver->end))
		return KNITS_SEG_DROP;
	if ((seg->len || fin) && (receiver->flags & KNITS_SIDE_ACK) &&
	    knits_seq_after(seg->seq, receiver->right))
		return KNITS_SEG_DROP;
	return KNITS_SEG_ACCEPT;
}

static void knits_tcp_side_start(struct knits_tcp_side *side,
				 const struct knits_tcp_seg *seg)
{
	const struct knits_tcp_opts *o = &seg->opts;

	side->isn = seg->seq;
	/* a Fast Open SYN's data is part of the stream */
	side->end = seg->seq + 1 + seg->len;
	side->end_wraps = 0;
	side->flags = KNITS_SIDE_SYN;
	side->mss = 0;
	side->wscale = 0;
	if (!seg->has_opts)
		return;
	if (o->has_mss) {
		side->flags |= KNITS_SIDE_MSS;
		side->mss = o->mss;
	}
	if (o->has_wscale) {
		side->flags |= KNITS_SIDE_WSCALE;
		side->wscale = o->wscale;
	}
	if (o->sack_ok)
		side->flags |= KNITS_SIDE_SACK_OK;
	if (o->has_ts) {
		side->flags |= KNITS_SIDE_TS;
		side->ts_last = o->tsval;
	}
}

/*
 * The acknowledgment and window @seg carries, and the window's right edge.
 * A SYN-ACK's are not taken: its window is not scaled (RFC 7323 2.2) and
 * would be read as if it were by whoever is told it later.
 */
static void knits_tcp_side_ack(struct knits_tcp_side *side,
			       const struct knits_tcp_side *peer,
			       const struct knits_tcp_seg *seg)
{
	u32 right = seg->ack + ((u32)seg->win << knits_tcp_side_shift(side, peer));
	bool first = !(side->flags & KNITS_SIDE_ACK);

	if (first || knits_seq_after(right, side->right))
		side->right = right;
	if (first || knits_seq_after_eq(seg->ack, side->ack)) {
		side->ack = seg->ack;
		side->win = seg->win;
		side->flags |= KNITS_SIDE_ACK;
	}
}

/**
 * knits_tcp_side_update() - learn from a segment the side sent
 * @side: the sender's side
 * @peer: the receiver's side (for the shift of the windows @side sends)
 * @seg: the segment, as it arrived, which knits_tcp_seg_check() accepted
 *
 * A SYN starts the side. Later segments only move @end forward and
 * refresh the acknowledgment, the window (and its right edge) and the
 * timestamp; segments before the SYN was seen teach nothing.
 */
void knits_tcp_side_update(struct knits_tcp_side *side,
			   const struct knits_tcp_side *peer,
			   const struct knits_tcp_seg *seg)
{
	const struct knits_tcp_opts *o = &seg->opts;
	u32 end;

	if (seg->flags & KNITS_TCPF_SYN) {
		knits_tcp_side_start(side, seg);
		return;
	}
	if (!(side->flags & KNITS_SIDE_SYN))
		return;
	end = seg->seq + seg->len + !!(seg->flags & KNITS_TCPF_FIN);
	if (knits_seq_after(end, side->end)) {
		/* the offset's low 32 bits wrapped */
		if (end - side->isn - 1 < side->end - side->isn - 1)
			side->end_wraps++;
		side->end = end;
	}
	if (seg->flags & KNITS_TCPF_ACK)
		knits_tcp_side_ack(side, peer, seg);
	if (seg->len)
		side->flags |= KNITS_SIDE_DATA;
	if (seg->flags & KNITS_TCPF_FIN)
		side->flags |= KNITS_SIDE_FIN;
	if ((side->flags & KNITS_SIDE_TS) && seg->has_opts && o->has_ts &&
	    knits_seq_after(o->tsval, side->ts_last))
		side->ts_last = o->tsval;
}
