/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Per-CPU traffic counters of one service or one member (enum knits_stat),
 * the ipvsadm --stats columns. Written by the packet path of every CPU
 * without a shared cache line; summed on read.
 */

#ifndef _KNITS_OBJ_STATS_H
#define _KNITS_OBJ_STATS_H

#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>
#include "uapi/knits.h"

struct knits_obj_pcpu_stats {
	u64_stats_t v[__KNITS_STAT_MAX];
	struct u64_stats_sync syncp;
};

struct knits_obj_stats {
	struct knits_obj_pcpu_stats __percpu *pcpu;
};

int knits_obj_stats_init(struct knits_obj_stats *stats, gfp_t gfp);
/* Safe from any context, RCU callbacks included. */
void knits_obj_stats_free(struct knits_obj_stats *stats);
void knits_obj_stats_read(const struct knits_obj_stats *stats,
			  u64 out[__KNITS_STAT_MAX]);

/* A connection was scheduled to the object. Softirq or BH disabled. */
static inline void knits_obj_stats_conn(struct knits_obj_stats *stats)
{
	struct knits_obj_pcpu_stats *s = this_cpu_ptr(stats->pcpu);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->v[KNITS_STAT_CONNS]);
	u64_stats_update_end(&s->syncp);
}

/* One packet of @len bytes, client to member (@in) or back. */
static inline void knits_obj_stats_packet(struct knits_obj_stats *stats,
					  bool in, unsigned int len)
{
	struct knits_obj_pcpu_stats *s = this_cpu_ptr(stats->pcpu);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->v[in ? KNITS_STAT_PACKETS_IN : KNITS_STAT_PACKETS_OUT]);
	u64_stats_add(&s->v[in ? KNITS_STAT_BYTES_IN : KNITS_STAT_BYTES_OUT],
		      len);
	u64_stats_update_end(&s->syncp);
}

#endif /* _KNITS_OBJ_STATS_H */
