/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Per-CPU counters, one set per network namespace. Every drop and refusal
 * reason of the data path gets its own counter id in uapi/knits.h; readers
 * sum over CPUs, writers never share a cache line.
 */

#ifndef _KNITS_STATS_H
#define _KNITS_STATS_H

#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>
#include "uapi/knits.h"

struct knits_pcpu_stats {
	u64_stats_t ctr[__KNITS_CTR_MAX];
	struct u64_stats_sync syncp;
};

struct knits_stats {
	struct knits_pcpu_stats __percpu *pcpu;
	/*
	 * Sums at the last reset, subtracted on read: resetting never writes
	 * another CPU's counters, which would race with its non-atomic adds.
	 * Readers and the reset run under the genl mutex.
	 */
	u64 base[__KNITS_CTR_MAX];
};

int knits_stats_init(struct knits_stats *stats);
void knits_stats_free(struct knits_stats *stats);
void knits_stats_read(const struct knits_stats *stats,
		      u64 out[__KNITS_CTR_MAX]);
void knits_stats_reset(struct knits_stats *stats);

/* Callers run in softirq or with BH disabled, as netfilter hooks do. */
static inline void knits_stats_add(struct knits_stats *stats,
				   enum knits_counter id, u64 n)
{
	struct knits_pcpu_stats *s = this_cpu_ptr(stats->pcpu);

	u64_stats_update_begin(&s->syncp);
	u64_stats_add(&s->ctr[id], n);
	u64_stats_update_end(&s->syncp);
}

static inline void knits_stats_inc(struct knits_stats *stats,
				   enum knits_counter id)
{
	knits_stats_add(stats, id, 1);
}

#endif /* _KNITS_STATS_H */
