/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Maglev consistent hashing (Eisenbud et al., NSDI 2016), the "mh"
 * scheduler: a lookup table of a prime size in which every member owns a
 * share of slots proportional to its weight. A flow's hash picks a slot.
 * When a member is removed, only its own slots and a few others change
 * owner, so flows on surviving members mostly stay where they are.
 *
 * The core takes the two hashes of each member (offset and skip seeds) from
 * the caller: the kernel computes them with a keyed siphash of the member's
 * address and port, tests with whatever they like. Population is
 * deterministic for given hashes, weights and member order.
 */

#ifndef _KNITS_CORE_MAGLEV_H
#define _KNITS_CORE_MAGLEV_H

#include "compat.h"

/* A slot that belongs to no member (no member has a weight). */
#define KNITS_MAGLEV_NONE 0xffff
/* Table sizes a service may choose from are primes in this range. */
#define KNITS_MAGLEV_SIZE_MIN 7
#define KNITS_MAGLEV_SIZE_MAX 131071
#define KNITS_MAGLEV_SIZE_DEFAULT 4093
/* Members of one table (slot values are u16, NONE excluded). */
#define KNITS_MAGLEV_MEMBERS_MAX 4096

struct knits_maglev_member {
	u32 offset_hash;
	u32 skip_hash;
	/* 0: the member takes no slots (drained or down) */
	u32 weight;
};

/* What populate needs per member while it runs, kept by the caller so the
 * core never allocates.
 */
struct knits_maglev_scratch {
	u32 pos;
	u32 skip;
	u32 turns;
};

bool knits_maglev_size_ok(u32 size);
bool knits_maglev_populate(u16 *table, u32 size,
			   const struct knits_maglev_member *members, u32 n,
			   struct knits_maglev_scratch *scratch);

static inline u16 knits_maglev_lookup(const u16 *table, u32 size, u32 hash)
{
	return table[hash % size];
}

#endif /* _KNITS_CORE_MAGLEV_H */
