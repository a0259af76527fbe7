/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * 32-bit TCP sequence-number arithmetic (RFC 793 / RFC 1982 serial numbers)
 * and the mapping between sequence numbers and 64-bit stream offsets.
 *
 * knits reasons about splices in stream offsets, not sequence numbers: the
 * byte counts T and S a node reports, the switch point P and every entry of
 * a translation history are offsets from the first data byte of a
 * direction of a connection (offset 0 is the byte at ISN + 1; the SYN is at
 * offset -1). Offsets do not wrap, so a history ordered by offset stays
 * ordered on connections that move more than 4 GiB. A 32-bit sequence
 * number is turned into an offset by unwrapping it next to a reference
 * offset known to be within 2^31 bytes of it (the highest offset seen so
 * far); TCP's window guarantees such a reference exists.
 */

#ifndef _KNITS_CORE_SEQ_H
#define _KNITS_CORE_SEQ_H

#include "compat.h"

/* Signed distance from @b to @a on the sequence circle. */
static inline s32 knits_seq_diff(u32 a, u32 b)
{
	return (s32)(a - b);
}

static inline bool knits_seq_before(u32 a, u32 b)
{
	return knits_seq_diff(a, b) < 0;
}

static inline bool knits_seq_before_eq(u32 a, u32 b)
{
	return knits_seq_diff(a, b) <= 0;
}

static inline bool knits_seq_after(u32 a, u32 b)
{
	return knits_seq_diff(a, b) > 0;
}

static inline bool knits_seq_after_eq(u32 a, u32 b)
{
	return knits_seq_diff(a, b) >= 0;
}

/* Whether @seq lies in [@lo, @lo + @len): the window form has no ambiguity
 * even when the range crosses the wrap point.
 */
static inline bool knits_seq_in_window(u32 seq, u32 lo, u32 len)
{
	return seq - lo < len;
}

static inline u32 knits_seq_max(u32 a, u32 b)
{
	return knits_seq_after(a, b) ? a : b;
}

static inline u32 knits_seq_min(u32 a, u32 b)
{
	return knits_seq_before(a, b) ? a : b;
}

/* Sequence number that carries stream offset @off of a direction whose
 * initial sequence number is @isn.
 */
static inline u32 knits_seq_from_offset(u32 isn, s64 off)
{
	return isn + 1 + (u32)off;
}

s64 knits_seq_to_offset(u32 isn, u32 seq, s64 near);

#endif /* _KNITS_CORE_SEQ_H */
