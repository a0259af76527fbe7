/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Decisions of the rr, wrr and sh schedulers over a service's members, given
 * as an array of weights (weight 0: the member takes no new connections,
 * because it is draining or down). The kernel's scheduler plug-ins wrap
 * these and a userspace reference evaluator can replay them. mh is in
 * maglev.h; lc reads live connection counts and stays in the kernel.
 */

#ifndef _KNITS_CORE_SCHED_H
#define _KNITS_CORE_SCHED_H

#include "compat.h"

/* No member can take the connection. */
#define KNITS_SCHED_NONE 0xffffffffU
/* Buckets of a source-hash table (as IPVS sh's default). */
#define KNITS_SH_SIZE 256

u32 knits_gcd(u32 a, u32 b);
u32 knits_rr_next(u32 *cursor, const u32 *weights, u32 n);

/* Interleaved weighted round-robin (the LVS wrr algorithm). Reset after
 * any change of the members or their weights.
 */
struct knits_wrr {
	u32 last;
	u32 cw;
	u32 max;
	u32 gcd;
};

void knits_wrr_reset(struct knits_wrr *s, const u32 *weights, u32 n);
u32 knits_wrr_next(struct knits_wrr *s, const u32 *weights, u32 n);

void knits_sh_populate(u16 *table, const u32 *weights, u32 n);

static inline u32 knits_sh_lookup(const u16 *table, u32 hash)
{
	u16 member = table[hash % KNITS_SH_SIZE];

	return member == 0xffff ? KNITS_SCHED_NONE : member;
}

#endif /* _KNITS_CORE_SCHED_H */
