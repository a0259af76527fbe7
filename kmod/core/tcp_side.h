/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * What the gateway learns about one direction of a TCP connection (one
 * sender) from the packets it forwards: the sender's initial sequence
 * number and SYN options, how far its sequence space has been used, and
 * its latest timestamp. A splice is built from these: the switch point P
 * is the end of what the client sent, the legs' spaces start at the ISNs,
 * and the options decide how windows, timestamps and SACK are translated.
 *
 * A segment teaches the gateway only what its receiver would accept
 * (knits_tcp_seg_check()): anyone who can forge a client's address and
 * port, or a link that corrupts a segment the receiver then discards,
 * must not move P, reset a side or end a connection the hosts keep.
 */

#ifndef _KNITS_CORE_TCP_SIDE_H
#define _KNITS_CORE_TCP_SIDE_H

#include "compat.h"
#include "tcp_opts.h"

enum knits_side_flag {
	/* the sender's SYN (or SYN-ACK) was seen: @isn and the options hold */
	KNITS_SIDE_SYN = 1 << 0,
	KNITS_SIDE_SACK_OK = 1 << 1,
	KNITS_SIDE_TS = 1 << 2,
	KNITS_SIDE_MSS = 1 << 3,
	/* the sender sent data (beyond the SYN) */
	KNITS_SIDE_DATA = 1 << 4,
	KNITS_SIDE_FIN = 1 << 5,
	KNITS_SIDE_WSCALE = 1 << 6,
	/* @ack and @win hold a value */
	KNITS_SIDE_ACK = 1 << 7,
};

struct knits_tcp_side {
	u32 isn;
	/* sequence number after the highest byte (SYN, FIN included) sent;
	 * as a stream offset (which does not wrap) it is @end_wraps times
	 * 2^32 past @end - @isn - 1 (knits_tcp_side_end_off())
	 */
	u32 end;
	u32 end_wraps;
	/* the latest acknowledgment and window field the sender sent */
	u32 ack;
	/* the right edge of the widest window it announced (ack + scaled
	 * window): its peer may send up to there, never beyond
	 */
	u32 right;
	u16 win;
	/* the latest TSval, when KNITS_SIDE_TS */
	u32 ts_last;
	u16 mss;
	/* the window shift the sender announced, 0 without the option */
	u8 wscale;
	u8 flags;
};

/*
 * A segment as the splice logic reads it: header fields in host order, the
 * payload length and the flag byte (KNITS_TCPF_*), and the options when
 * @has_opts.
 */
struct knits_tcp_seg {
	u32 seq;
	u32 ack;
	u32 len;
	u16 win;
	u8 flags;
	bool has_opts;
	struct knits_tcp_opts opts;
};

/* What a segment may do to the gateway's view (knits_tcp_seg_check()). */
enum knits_seg_verdict {
	/* the receiver takes it: learn from it and step the state */
	KNITS_SEG_ACCEPT,
	/* forward it and learn nothing: the receiver decides (an RST inside
	 * its window but not where it stands gets a challenge ACK, RFC
	 * 5961; a SYN on a live connection likewise)
	 */
	KNITS_SEG_IGNORE,
	/* the receiver would discard it unread: bytes or an RST outside
	 * its window, an acknowledgment of bytes never sent
	 */
	KNITS_SEG_DROP,
};

enum knits_seg_verdict knits_tcp_seg_check(const struct knits_tcp_side *sender,
					   const struct knits_tcp_side *receiver,
					   const struct knits_tcp_seg *seg);
/* Only after KNITS_SEG_ACCEPT: @peer is the receiver's side. */
void knits_tcp_side_update(struct knits_tcp_side *side,
			   const struct knits_tcp_side *peer,
			   const struct knits_tcp_seg *seg);

/* Where @end stands as a stream offset (0 before the SYN was seen). */
static inline s64 knits_tcp_side_end_off(const struct knits_tcp_side *side)
{
	if (!(side->flags & KNITS_SIDE_SYN))
		return 0;
	return ((s64)side->end_wraps << 32) | (u32)(side->end - side->isn - 1);
}

/* Both ends of a connection agreed on the option (RFC 7323, RFC 2018). */
static inline bool knits_tcp_sides_agree(const struct knits_tcp_side *a,
					 const struct knits_tcp_side *b,
					 u8 flag)
{
	return (a->flags & flag) && (b->flags & flag);
}

/* The shift that applies to the windows @sender sends (RFC 7323 2.2: both
 * SYNs must carry the option, or neither side scales).
 */
static inline u8 knits_tcp_side_shift(const struct knits_tcp_side *sender,
				      const struct knits_tcp_side *peer)
{
	return knits_tcp_sides_agree(sender, peer, KNITS_SIDE_WSCALE) ?
	       sender->wscale : 0;
}

#endif /* _KNITS_CORE_TCP_SIDE_H */
