// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 */

#include "stats.h"

int knits_stats_init(struct knits_stats *stats)
{
	int cpu;

	memset(stats->base, 0, sizeof(stats->base));
	stats->pcpu = alloc_percpu(struct knits_pcpu_stats);
	if (!stats->pcpu)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(stats->pcpu, cpu)->syncp);
	return 0;
}

void knits_stats_free(struct knits_stats *stats)
{
	free_percpu(stats->pcpu);
	stats->pcpu = NULL;
}

static void knits_stats_sum(const struct knits_stats *stats,
			    u64 out[__KNITS_CTR_MAX])
{
	int cpu, id;

	memset(out, 0, sizeof(u64) * __KNITS_CTR_MAX);
	for_each_possible_cpu(cpu) {
		const struct knits_pcpu_stats *s = per_cpu_ptr(stats->pcpu, cpu);
		u64 snap[__KNITS_CTR_MAX];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (id = 0; id < __KNITS_CTR_MAX; id++)
				snap[id] = u64_stats_read(&s->ctr[id]);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		for (id = 0; id < __KNITS_CTR_MAX; id++)
			out[id] += snap[id];
	}
}

void knits_stats_read(const struct knits_stats *stats,
		      u64 out[__KNITS_CTR_MAX])
{
	int id;

	knits_stats_sum(stats, out);
	for (id = 0; id < __KNITS_CTR_MAX; id++)
		out[id] -= stats->base[id];
}

/* Counters only grow, so the sums now are the new zero. */
void knits_stats_reset(struct knits_stats *stats)
{
	knits_stats_sum(stats, stats->base);
}
