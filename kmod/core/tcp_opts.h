/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * TCP options (RFC 9293 3.1, RFC 7323, RFC 2018): read the ones a splice
 * needs from a segment's options area, and rewrite timestamps and SACK
 * blocks in place.
 *
 * The splice data path reads MSS, window scale, SACK-permitted and
 * timestamps from the SYNs, and on every packet of a spliced connection
 * rewrites TSval/TSecr and the SACK blocks into the other leg's spaces. The
 * parser records where those fields sit so that the writers can change them
 * without moving a byte: the segment keeps its length and its layout.
 *
 * The parser is strict where the kernel's tcp_parse_options() is lenient:
 * a segment it cannot read unambiguously is malformed (-1), and the caller
 * decides what to do with it (a spliced connection cannot translate it).
 * See knits_tcp_opts_parse() for the exact rules.
 *
 * Checksums are the caller's job: the writers change bytes of the TCP
 * header and do not touch its checksum. The fields need not be 2-byte
 * aligned (a sender may pad with one NOP, or none): an incremental update
 * with inet_proto_csum_replace4() of the old and new value is right when
 * the field's offset in the TCP header is even; when it is odd, pass both
 * values with the two bytes of each 16-bit half swapped (the one's
 * complement sum does not depend on byte order, RFC 1071 2(B)).
 */

#ifndef _KNITS_CORE_TCP_OPTS_H
#define _KNITS_CORE_TCP_OPTS_H

#include "compat.h"

/* The options area: doff * 4 - 20 bytes, at most 40. */
#define KNITS_TCP_OPTS_MAX 40

/* Option kinds and their lengths (kind and length bytes included). */
#define KNITS_TCPOPT_EOL 0
#define KNITS_TCPOPT_NOP 1
#define KNITS_TCPOPT_MSS 2
#define KNITS_TCPOPT_WSCALE 3
#define KNITS_TCPOPT_SACK_PERM 4
#define KNITS_TCPOPT_SACK 5
#define KNITS_TCPOPT_TS 8

#define KNITS_TCPOLEN_MSS 4
#define KNITS_TCPOLEN_WSCALE 3
#define KNITS_TCPOLEN_SACK_PERM 2
#define KNITS_TCPOLEN_TS 10
#define KNITS_TCPOLEN_SACK_BASE 2	/* kind, length */
#define KNITS_TCPOLEN_SACK_BLOCK 8	/* left edge, right edge */

/* SACK blocks an options area can hold: 2 + 4 * 8 = 34 <= 40. */
#define KNITS_TCP_SACK_MAX 4

/* The largest window shift (RFC 7323 2.3); larger ones count as 14. */
#define KNITS_TCP_WSCALE_MAX 14

/*
 * What knits_tcp_opts_parse() found. Values are in host order. A field is
 * meaningful only when its has_ flag (nsack for the SACK blocks) says the
 * option was there; otherwise it is 0.
 *
 * @ts_off is the offset in the options area of the TSval field (TSecr
 * follows it), @sack_off that of the first SACK block's left edge (the
 * blocks follow each other, 8 bytes apart). The option's kind and length
 * bytes are the two bytes before either.
 */
struct knits_tcp_opts {
	bool has_mss;
	bool has_wscale;
	bool sack_ok;
	bool has_ts;
	u16 mss;
	u8 wscale;
	u32 tsval;
	u32 tsecr;
	u8 nsack;
	u32 sack_start[KNITS_TCP_SACK_MAX];
	u32 sack_end[KNITS_TCP_SACK_MAX];
	u8 ts_off;
	u8 sack_off;
};

int knits_tcp_opts_parse(const u8 *opts, u32 len, struct knits_tcp_opts *out);
void knits_tcp_opts_put_ts(u8 *opts, const struct knits_tcp_opts *o,
			   u32 tsval, u32 tsecr);
void knits_tcp_opts_put_sack(u8 *opts, const struct knits_tcp_opts *o, u8 i,
			     u32 start, u32 end);
void knits_tcp_opts_nop_sack(u8 *opts, const struct knits_tcp_opts *o);

/*
 * Big-endian (network order) fields at any alignment of a byte buffer, as
 * the kernel's get_unaligned_be32() and friends, which the core cannot
 * include.
 */
static inline u16 knits_get_be16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static inline u32 knits_get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline void knits_put_be16(u8 *p, u16 v)
{
	p[0] = (u8)(v >> 8);
	p[1] = (u8)v;
}

static inline void knits_put_be32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

#endif /* _KNITS_CORE_TCP_OPTS_H */
