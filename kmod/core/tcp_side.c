// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 */

#include "seq.h"
#include "tcp_side.h"
#include "tcp_state.h"

/**
 * knits_tcp_side_update() - learn from a segment the side sent
 * @side: the sender's side
 * @seg: the segment, as it arrived
 *
 * A SYN starts the side afresh (a retransmitted SYN carries the same ISN
 * and options). Later segments only move @end forward and refresh the
 * timestamp; segments before the SYN was seen teach nothing.
 */
void knits_tcp_side_update(struct knits_tcp_side *side,
			   const struct knits_tcp_seg *seg)
{
	const struct knits_tcp_opts *o = &seg->opts;
	u32 end;

	if (seg->flags & KNITS_TCPF_SYN) {
		side->isn = seg->seq;
		side->end = seg->seq + 1;
		side->end_off = 0;
		side->flags = KNITS_SIDE_SYN;
		side->mss = 0;
		side->wscale = 0;
		if (seg->has_opts) {
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
		return;
	}
	if (!(side->flags & KNITS_SIDE_SYN))
		return;
	end = seg->seq + seg->len + !!(seg->flags & KNITS_TCPF_FIN);
	if (knits_seq_after(end, side->end)) {
		side->end_off += knits_seq_diff(end, side->end);
		side->end = end;
	}
	if ((seg->flags & KNITS_TCPF_ACK) &&
	    (!(side->flags & KNITS_SIDE_ACK) ||
	     knits_seq_after_eq(seg->ack, side->ack))) {
		side->ack = seg->ack;
		side->win = seg->win;
		side->flags |= KNITS_SIDE_ACK;
	}
	if (seg->len)
		side->flags |= KNITS_SIDE_DATA;
	if (seg->flags & KNITS_TCPF_FIN)
		side->flags |= KNITS_SIDE_FIN;
	if ((side->flags & KNITS_SIDE_TS) && seg->has_opts && o->has_ts &&
	    knits_seq_after(o->tsval, side->ts_last))
		side->ts_last = o->tsval;
}
