/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Translation history of one direction of a spliced connection.
 *
 * Every byte of a direction has a stream offset in the space of the peer
 * that sees the whole stream (the client): for client-to-nodes data the
 * client's send offsets, for nodes-to-client data the client's receive
 * offsets (see seq.h for offsets). A hand-off does not move bytes already
 * sent; it decides where the bytes from a switch point on go. So the
 * history is a list of entries ordered by stream offset, each saying:
 * stream bytes from @from up to the next entry's @from belong to leg @leg
 * and sit there at leg offset (stream offset + @delta).
 *
 * For a splice of c1 (client and node A) onto c2 (A to B) with byte counts
 * T and S and switch point P (Documentation/design.md): the client-to-nodes
 * history gets {from P, leg B, delta -T}; the nodes-to-client history gets
 * {from S, leg B, delta -S}. Later hand-offs append further entries, in
 * stream offsets, so a retransmission of old bytes still finds the leg and
 * the delta that were in force for them, however many hand-offs happened
 * since (the kernel's nf_conntrack_seqadj keeps one change point only).
 *
 * The history is bounded (KNITS_XLATE_MAX): a push beyond it is refused and
 * changes nothing. The oldest entry is retired when its leg is (splice.h):
 * by then nothing in flight can carry its bytes.
 */

#ifndef _KNITS_CORE_XLATE_H
#define _KNITS_CORE_XLATE_H

#include "compat.h"

/* Legs that can still see traffic of one direction at the same time. */
#define KNITS_XLATE_MAX 8

struct knits_xlate_entry {
	s64 from;
	s64 delta;
	u32 leg;
};

struct knits_xlate {
	u8 count;
	struct knits_xlate_entry entry[KNITS_XLATE_MAX];
};

/* A stretch of stream offsets [lo, hi) carried by one leg, in leg offsets. */
struct knits_xlate_piece {
	s64 lo;
	s64 hi;
	u32 leg;
};

void knits_xlate_init(struct knits_xlate *x, u32 leg);
bool knits_xlate_push(struct knits_xlate *x, s64 from, s64 delta, u32 leg);
const struct knits_xlate_entry *knits_xlate_lookup(const struct knits_xlate *x,
						   s64 off);
unsigned int knits_xlate_pieces(const struct knits_xlate *x, s64 lo, s64 hi,
				struct knits_xlate_piece *out,
				unsigned int max);
bool knits_xlate_retire_oldest(struct knits_xlate *x);

#endif /* _KNITS_CORE_XLATE_H */
