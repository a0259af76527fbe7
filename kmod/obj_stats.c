// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 */

#include <linux/percpu.h>

#include "obj_stats.h"

int knits_obj_stats_init(struct knits_obj_stats *stats, gfp_t gfp)
{
	int cpu;

	stats->pcpu = alloc_percpu_gfp(struct knits_obj_pcpu_stats,
				       gfp | __GFP_ZERO);
	if (!stats->pcpu)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(stats->pcpu, cpu)->syncp);
	return 0;
}

void knits_obj_stats_free(struct knits_obj_stats *stats)
{
	free_percpu(stats->pcpu);
	stats->pcpu = NULL;
}

void knits_obj_stats_read(const struct knits_obj_stats *stats,
			  u64 out[__KNITS_STAT_MAX])
{
	int cpu, id;

	memset(out, 0, sizeof(u64) * __KNITS_STAT_MAX);
	for_each_possible_cpu(cpu) {
		const struct knits_obj_pcpu_stats *s =
			per_cpu_ptr(stats->pcpu, cpu);
		u64 snap[__KNITS_STAT_MAX];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (id = 0; id < __KNITS_STAT_MAX; id++)
				snap[id] = u64_stats_read(&s->v[id]);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		for (id = 0; id < __KNITS_STAT_MAX; id++)
			out[id] += snap[id];
	}
}
