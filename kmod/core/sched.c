// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 */

#include "sched.h"

/**
 * knits_rr_next() - the next member with a weight, round-robin
 * @cursor: the member chosen last (any value before the first call)
 * @weights: the members' weights
 * @n: number of members
 *
 * Return: the member's index, also stored in @cursor, or KNITS_SCHED_NONE
 * when no member has a weight.
 */
u32 knits_rr_next(u32 *cursor, const u32 *weights, u32 n)
{
	u32 i, k;

	for (k = 1; k <= n; k++) {
		/* reduce first: cursor + k could wrap past 2^32 */
		i = (*cursor % n + k) % n;
		if (weights[i]) {
			*cursor = i;
			return i;
		}
	}
	return KNITS_SCHED_NONE;
}

/* Greatest common divisor; knits_gcd(0, b) is b. */
u32 knits_gcd(u32 a, u32 b)
{
	while (b) {
		u32 t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/**
 * knits_wrr_reset() - start a weighted round-robin over @weights afresh
 * @s: the scheduler state
 * @weights: the members' weights
 * @n: number of members
 */
void knits_wrr_reset(struct knits_wrr *s, const u32 *weights, u32 n)
{
	u32 i;

	s->max = 0;
	s->gcd = 0;
	for (i = 0; i < n; i++) {
		if (weights[i] > s->max)
			s->max = weights[i];
		s->gcd = knits_gcd(weights[i], s->gcd);
	}
	s->last = n ? n - 1 : 0;
	s->cw = 0;
}

/**
 * knits_wrr_next() - the next member in weighted round-robin order
 * @s: state from knits_wrr_reset() over the same @weights
 * @weights: the members' weights
 * @n: number of members
 *
 * Over each cycle of sum(weights) / gcd choices, member i is chosen
 * weights[i] / gcd times, interleaved (weights 4, 3, 2 give
 * 0 0 1 0 1 2 0 1 2). Each call looks at no more than 2 * @n members: the
 * heaviest member qualifies at every level of the current weight.
 *
 * Return: the member's index, or KNITS_SCHED_NONE when none has a weight.
 */
u32 knits_wrr_next(struct knits_wrr *s, const u32 *weights, u32 n)
{
	u32 steps;

	if (!s->max)
		return KNITS_SCHED_NONE;
	for (steps = 0; steps < 2 * n; steps++) {
		s->last = (s->last + 1) % n;
		if (!s->last)
			s->cw = s->cw > s->gcd ? s->cw - s->gcd : s->max;
		if (weights[s->last] >= s->cw)
			return s->last;
	}
	return KNITS_SCHED_NONE;
}

/**
 * knits_sh_populate() - fill a source-hash bucket table
 * @table: KNITS_SH_SIZE buckets, each set to a member index, or 0xffff
 *	   when no member has a weight
 * @weights: the members' weights
 * @n: number of members, below 0xffff
 *
 * Buckets are dealt in weighted round-robin order, so each member owns a
 * share of buckets proportional to its weight (to 1/KNITS_SH_SIZE).
 */
void knits_sh_populate(u16 *table, const u32 *weights, u32 n)
{
	struct knits_wrr s;
	u32 i, m;

	knits_wrr_reset(&s, weights, n);
	for (i = 0; i < KNITS_SH_SIZE; i++) {
		m = knits_wrr_next(&s, weights, n);
		table[i] = m == KNITS_SCHED_NONE ? 0xffff : m;
	}
}
