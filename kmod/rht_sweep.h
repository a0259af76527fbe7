/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * A walk over an rhashtable that may forget (remove) what it visits and
 * reschedules every so often without losing its place (rht_sweep.c).
 */

#ifndef _KNITS_RHT_SWEEP_H
#define _KNITS_RHT_SWEEP_H

#include <linux/rhashtable.h>

/* the longest key a sweep can find an object by again after a pause */
#define KNITS_RHT_SWEEP_KEY_MAX 64

struct knits_rht_sweep {
	struct rhashtable *ht;
	const struct rhashtable_params *params;
	/* objects returned between two pauses to reschedule; at least 1 */
	unsigned int batch;
	/*
	 * Start over when someone else removed, during a pause, the object
	 * the walk had stopped at: then no object that stays in the table
	 * throughout the sweep is missed. Otherwise the sweep goes on and
	 * may miss a few objects of that bucket.
	 */
	bool complete;
	/* true if it forgot @obj; may remove @obj and other objects */
	bool (*visit)(void *obj, void *arg);
	void *arg;
};

/* Process context. Returns how many objects @visit forgot. */
unsigned int knits_rht_sweep(const struct knits_rht_sweep *sweep);

#endif /* _KNITS_RHT_SWEEP_H */
