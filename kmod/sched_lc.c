// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * lc: the member with the least load per unit of weight (IPVS's wlc; with
 * equal weights it is plain least-connection). Load is IPVS's overhead: an
 * established connection weighs 256 times one that is opening or closing
 * (TIME_WAIT entries are cheap for a server; busy ones are not). It reads
 * live connection counts, which is why it is not in the freestanding core.
 */

#include "sched_ops.h"

static int knits_lc_build(struct knits_pool *pool, const siphash_key_t *key,
			  struct netlink_ext_ack *extack)
{
	return 0;
}

static u64 knits_lc_overhead(struct knits_member *m)
{
	u64 active = atomic_read(&m->active_conns);
	u64 all = atomic_read(&m->conns);

	return active * 256 + (all > active ? all - active : 0);
}

static u32 knits_lc_pick(struct knits_pool *pool, const struct knits_tuple *t,
			 const siphash_key_t *key)
{
	u32 best = KNITS_SCHED_NONE, i;
	u64 best_load = 0;

	for (i = 0; i < pool->n; i++) {
		u64 load;

		if (!pool->weights[i])
			continue;
		load = knits_lc_overhead(pool->members[i]);
		/* load / weight < best_load / best_weight, without division */
		if (best == KNITS_SCHED_NONE ||
		    load * pool->weights[best] < best_load * pool->weights[i]) {
			best = i;
			best_load = load;
		}
	}
	return best;
}

const struct knits_sched_ops knits_sched_lc = {
	.name = "lc",
	.build = knits_lc_build,
	.pick = knits_lc_pick,
};
