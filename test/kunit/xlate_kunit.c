// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 *
 * KUnit suite for the translation history (kmod/core/xlate.h), built as the
 * kernel builds it: a persistent connection handed off A -> B -> C -> A,
 * both directions, and the history's limit.
 */

#include <kunit/test.h>

#include "core/xlate.h"

enum { LEG_A, LEG_B, LEG_C, LEG_A2 };

struct knits_xlate_test_switch {
	s64 from;
	s64 delta;
	u8 leg;
};

/* A history starting on LEG_A, then switched at each of @sw in turn. */
static void knits_xlate_test_build(struct kunit *test, struct knits_xlate *x,
				   const struct knits_xlate_test_switch *sw,
				   unsigned int n)
{
	unsigned int i;

	knits_xlate_init(x, LEG_A);
	for (i = 0; i < n; i++)
		KUNIT_ASSERT_TRUE_MSG(test, knits_xlate_push(x, sw[i].from,
							     sw[i].delta,
							     sw[i].leg),
				      "switch %u", i);
}

/*
 * Requests (client-to-nodes, client send offsets). Each node reports T in
 * its own stream; in client offsets that is T plus what came before:
 *   A -> B: T = 300 (client 300), switch P = 420:  delta -300
 *   B -> C: T = 500 (client 800), switch P = 900:  delta -800
 *   C -> A: T = 150 (client 950), switch P = 1000: delta -950
 */
static void knits_xlate_test_three_handoffs_requests(struct kunit *test)
{
	/* stream offset -> leg and leg offset, at each side of each switch */
	static const struct {
		s64 off;
		u8 leg;
		s64 leg_off;
	} want[] = {
		{ 0, LEG_A, 0 },    { 419, LEG_A, 419 },  { 420, LEG_B, 120 },
		{ 899, LEG_B, 599 }, { 900, LEG_C, 100 }, { 999, LEG_C, 199 },
		{ 1000, LEG_A2, 50 },
	};
	static const struct knits_xlate_test_switch sw[] = {
		{ 420, -300, LEG_B }, { 900, -800, LEG_C }, { 1000, -950, LEG_A2 },
	};
	const struct knits_xlate_entry *e;
	struct knits_xlate x;
	unsigned int i;

	knits_xlate_test_build(test, &x, sw, ARRAY_SIZE(sw));

	for (i = 0; i < ARRAY_SIZE(want); i++) {
		e = knits_xlate_lookup(&x, want[i].off);
		KUNIT_ASSERT_NOT_NULL(test, e);
		KUNIT_EXPECT_EQ_MSG(test, e->leg, want[i].leg, "offset %lld",
				    want[i].off);
		KUNIT_EXPECT_EQ_MSG(test, want[i].off + e->delta,
				    want[i].leg_off, "offset %lld", want[i].off);
	}
}

/*
 * Responses (nodes-to-client, client receive offsets): A wrote S = 2000,
 * B then wrote 5000 (S = 7000 in client offsets), C wrote 1 (S = 7001).
 * One client ack at 7100 covers all four legs and is split among them.
 */
static void knits_xlate_test_ack_split_over_four_legs(struct kunit *test)
{
	static const struct knits_xlate_test_switch sw[] = {
		{ 2000, -2000, LEG_B }, { 7000, -7000, LEG_C },
		{ 7001, -7001, LEG_A2 },
	};
	static const struct knits_xlate_piece want[] = {
		{ .lo = 0, .hi = 2000, .leg = LEG_A },
		{ .lo = 0, .hi = 5000, .leg = LEG_B },
		{ .lo = 0, .hi = 1, .leg = LEG_C },
		{ .lo = 0, .hi = 99, .leg = LEG_A2 },
	};
	struct knits_xlate_piece p[KNITS_XLATE_MAX];
	struct knits_xlate x;
	unsigned int i, n;

	knits_xlate_test_build(test, &x, sw, ARRAY_SIZE(sw));
	n = knits_xlate_pieces(&x, 0, 7100, p, KNITS_XLATE_MAX);
	KUNIT_ASSERT_EQ(test, n, ARRAY_SIZE(want));
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_EQ_MSG(test, p[i].leg, want[i].leg, "piece %u", i);
		KUNIT_EXPECT_EQ_MSG(test, p[i].lo, want[i].lo, "piece %u", i);
		KUNIT_EXPECT_EQ_MSG(test, p[i].hi, want[i].hi, "piece %u", i);
	}

	/* Once the legs of A, B and C are retired, only A2's bytes are found. */
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_TRUE(test, knits_xlate_retire_oldest(&x));
	KUNIT_EXPECT_EQ(test, x.count, 1);
	KUNIT_EXPECT_NULL(test, knits_xlate_lookup(&x, 7000));
	KUNIT_EXPECT_FALSE(test, knits_xlate_retire_oldest(&x));
}

static void knits_xlate_test_limit(struct kunit *test)
{
	struct knits_xlate x;
	s64 i;

	knits_xlate_init(&x, 0);
	for (i = 1; i < KNITS_XLATE_MAX; i++)
		KUNIT_ASSERT_TRUE(test, knits_xlate_push(&x, i * 10, 0, i));
	KUNIT_EXPECT_FALSE(test, knits_xlate_push(&x, 1000, 0, 0));
	KUNIT_EXPECT_EQ(test, x.count, KNITS_XLATE_MAX);
	KUNIT_EXPECT_EQ(test, knits_xlate_lookup(&x, 1000)->leg,
			KNITS_XLATE_MAX - 1);
}

static struct kunit_case knits_xlate_test_cases[] = {
	KUNIT_CASE(knits_xlate_test_three_handoffs_requests),
	KUNIT_CASE(knits_xlate_test_ack_split_over_four_legs),
	KUNIT_CASE(knits_xlate_test_limit),
	{}
};

static struct kunit_suite knits_xlate_test_suite = {
	.name = "knits_xlate",
	.test_cases = knits_xlate_test_cases,
};

kunit_test_suite(knits_xlate_test_suite);

MODULE_LICENSE("Dual MIT/GPL");
