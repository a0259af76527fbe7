// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * The scheduler registry. Every scheduler is built in: they are a few dozen
 * lines each and a service must never fail to find its scheduler after a
 * module load order change, so there is no runtime registration.
 */

#include <linux/kernel.h>
#include <linux/string.h>

#include "sched_ops.h"

static const struct knits_sched_ops *const knits_schedulers[] = {
	&knits_sched_rr, &knits_sched_wrr, &knits_sched_lc,
	&knits_sched_sh, &knits_sched_mh,
};

const struct knits_sched_ops *knits_sched_find(const char *name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(knits_schedulers); i++)
		if (!strcmp(knits_schedulers[i]->name, name))
			return knits_schedulers[i];
	return NULL;
}

u32 knits_sched_client_hash(const struct knits_tuple *t,
			    const siphash_key_t *key)
{
	return (u32)siphash(&t->src, knits_addr_len(t->family), key);
}
