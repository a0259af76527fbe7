// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 *
 * KUnit suite for the rr, wrr and sh decisions (kmod/core/sched.h) as the
 * kernel builds them.
 */

#include <kunit/test.h>

#include "core/sched.h"

static void knits_sched_test_wrr_interleaves(struct kunit *test)
{
	static const u32 weights[] = { 4, 3, 2 };
	static const u32 want[] = { 0, 0, 1, 0, 1, 2, 0, 1, 2, 0 };
	struct knits_wrr s;
	unsigned int i;

	knits_wrr_reset(&s, weights, ARRAY_SIZE(weights));
	for (i = 0; i < ARRAY_SIZE(want); i++)
		KUNIT_EXPECT_EQ_MSG(test, knits_wrr_next(&s, weights, 3),
				    want[i], "choice %u", i);
}

static void knits_sched_test_rr_skips_drained(struct kunit *test)
{
	static const u32 weights[] = { 1, 0, 1 };
	u32 cursor = 0;

	KUNIT_EXPECT_EQ(test, knits_rr_next(&cursor, weights, 3), 2U);
	KUNIT_EXPECT_EQ(test, knits_rr_next(&cursor, weights, 3), 0U);
	KUNIT_EXPECT_EQ(test, knits_rr_next(&cursor, weights, 3), 2U);
}

static void knits_sched_test_sh_shares(struct kunit *test)
{
	static const u32 weights[] = { 1, 1, 2 };
	u16 table[KNITS_SH_SIZE];
	u32 count[3] = {};
	unsigned int i;

	knits_sh_populate(table, weights, ARRAY_SIZE(weights));
	for (i = 0; i < KNITS_SH_SIZE; i++) {
		KUNIT_ASSERT_LT(test, table[i], 3);
		count[table[i]]++;
	}
	KUNIT_EXPECT_EQ(test, count[0], 64U);
	KUNIT_EXPECT_EQ(test, count[1], 64U);
	KUNIT_EXPECT_EQ(test, count[2], 128U);
}

static struct kunit_case knits_sched_test_cases[] = {
	KUNIT_CASE(knits_sched_test_wrr_interleaves),
	KUNIT_CASE(knits_sched_test_rr_skips_drained),
	KUNIT_CASE(knits_sched_test_sh_shares),
	{}
};

static struct kunit_suite knits_sched_test_suite = {
	.name = "knits_sched",
	.test_cases = knits_sched_test_cases,
};

kunit_test_suite(knits_sched_test_suite);

MODULE_LICENSE("Dual MIT/GPL");
