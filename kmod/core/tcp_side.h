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
	/* sequence number after the highest byte (SYN, FIN included) sent,
	 * and the same as a stream offset (which does not wrap)
	 */
	u32 end;
	s64 end_off;
	/* the latest acknowledgment and window field the sender sent */
	u32 ack;
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

void knits_tcp_side_update(struct knits_tcp_side *side,
			   const struct knits_tcp_seg *seg);

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
