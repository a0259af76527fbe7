// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * rhashtable's walker resumes after a pause (rhashtable_walk_stop() then
 * rhashtable_walk_start()) just after the object it returned last if that
 * object is still in the table. If it is not, the walker skips as many
 * objects of that bucket as it had returned from it, and so misses those
 * that moved up the chain when it left: forget the last object, pause,
 * and its successor is never visited. A flush that misses a connection
 * leaves it pointing at a freed service; a namespace teardown that does
 * leaks it.
 *
 * So a sweep pauses before it visits the object the walker returned,
 * while that object is still in the table, and finds it again by its key
 * afterwards. Only someone else removing it during the pause can make the
 * walk lose its place then; a complete sweep starts over when that
 * happens, which visiting again makes harmless.
 */

#include <linux/sched.h>
#include <linux/string.h>

#include "rht_sweep.h"

/*
 * Reschedules with the walk stopped at @obj, not yet visited. Returns
 * @obj again, or NULL if it left the table meanwhile (*lost then).
 */
static void *knits_rht_sweep_pause(const struct knits_rht_sweep *s,
				   struct rhashtable_iter *iter, void *obj,
				   bool *lost)
{
	u8 key[KNITS_RHT_SWEEP_KEY_MAX];
	void *found;

	memcpy(key, (u8 *)obj + s->params->key_offset, s->params->key_len);
	rhashtable_walk_stop(iter);
	cond_resched();
	rhashtable_walk_start(iter);
	/* a new object with that key is not where the walker stopped */
	found = rhashtable_lookup(s->ht, key, *s->params);
	if (found == obj)
		return obj;
	*lost = true;
	return NULL;
}

/* One walk; true if it lost its place and should run again. */
static bool knits_rht_sweep_once(const struct knits_rht_sweep *s,
				 unsigned int *forgotten)
{
	struct rhashtable_iter iter;
	unsigned int seen = 0;
	bool lost = false;
	void *obj;

	rhashtable_walk_enter(s->ht, &iter);
	rhashtable_walk_start(&iter);
	while ((obj = rhashtable_walk_next(&iter))) {
		/* a resize: the walker starts again in the new table */
		if (IS_ERR(obj))
			continue;
		if (++seen % s->batch == 0) {
			obj = knits_rht_sweep_pause(s, &iter, obj, &lost);
			if (lost && s->complete)
				break;
			if (!obj)
				continue;
		}
		if (s->visit(obj, s->arg))
			(*forgotten)++;
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	return lost && s->complete;
}

unsigned int knits_rht_sweep(const struct knits_rht_sweep *s)
{
	unsigned int forgotten = 0;

	if (WARN_ON_ONCE(!s->batch ||
			 s->params->key_len > KNITS_RHT_SWEEP_KEY_MAX))
		return 0;
	while (knits_rht_sweep_once(s, &forgotten))
		;
	return forgotten;
}
