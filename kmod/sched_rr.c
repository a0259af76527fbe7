// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * rr and wrr: the only schedulers with a moving cursor, kept in the pool
 * under its lock. A rebuilt pool starts a fresh cycle, as IPVS resets wrr
 * when its destinations change.
 */

#include "sched_ops.h"

static int knits_rr_build(struct knits_pool *pool, const siphash_key_t *key,
			  struct netlink_ext_ack *extack)
{
	pool->rr_cursor = 0;
	return 0;
}

static u32 knits_rr_pick(struct knits_pool *pool, const struct knits_tuple *t,
			 const siphash_key_t *key)
{
	u32 i;

	spin_lock(&pool->lock);
	i = knits_rr_next(&pool->rr_cursor, pool->weights, pool->n);
	spin_unlock(&pool->lock);
	return i;
}

const struct knits_sched_ops knits_sched_rr = {
	.name = "rr",
	.build = knits_rr_build,
	.pick = knits_rr_pick,
};

static int knits_wrr_build(struct knits_pool *pool, const siphash_key_t *key,
			   struct netlink_ext_ack *extack)
{
	knits_wrr_reset(&pool->wrr, pool->weights, pool->n);
	return 0;
}

static u32 knits_wrr_pick(struct knits_pool *pool, const struct knits_tuple *t,
			  const siphash_key_t *key)
{
	u32 i;

	spin_lock(&pool->lock);
	i = knits_wrr_next(&pool->wrr, pool->weights, pool->n);
	spin_unlock(&pool->lock);
	return i;
}

const struct knits_sched_ops knits_sched_wrr = {
	.name = "wrr",
	.build = knits_wrr_build,
	.pick = knits_wrr_pick,
};
