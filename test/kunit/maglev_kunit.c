// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 *
 * KUnit suite for Maglev consistent hashing (kmod/core/maglev.h) as the
 * kernel builds it: fair shares and stability when a member leaves.
 */

#include <kunit/test.h>
#include <linux/slab.h>

#include "core/maglev.h"

#define SIZE KNITS_MAGLEV_SIZE_DEFAULT

static const struct knits_maglev_member three[] = {
	{ .offset_hash = 0x9e3779b9, .skip_hash = 0x7f4a7c15, .weight = 1 },
	{ .offset_hash = 0x85ebca6b, .skip_hash = 0xc2b2ae35, .weight = 1 },
	{ .offset_hash = 0x27d4eb2f, .skip_hash = 0x165667b1, .weight = 1 },
};

static u16 *knits_maglev_test_table(struct kunit *test,
				    const struct knits_maglev_member *m,
				    u32 n)
{
	struct knits_maglev_scratch scratch[ARRAY_SIZE(three)];
	u16 *table = kunit_kcalloc(test, SIZE, sizeof(*table), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, table);
	KUNIT_ASSERT_TRUE(test, knits_maglev_populate(table, SIZE, m, n,
						      scratch));
	return table;
}

static void knits_maglev_test_equal_shares(struct kunit *test)
{
	u16 *table = knits_maglev_test_table(test, three, ARRAY_SIZE(three));
	u32 count[ARRAY_SIZE(three)] = {};
	u32 i;

	for (i = 0; i < SIZE; i++) {
		KUNIT_ASSERT_LT(test, table[i], ARRAY_SIZE(three));
		count[table[i]]++;
	}
	/* 4093 slots, one per member per round: 1365, 1364, 1364 */
	KUNIT_EXPECT_EQ(test, count[0], 1365U);
	KUNIT_EXPECT_EQ(test, count[1], 1364U);
	KUNIT_EXPECT_EQ(test, count[2], 1364U);
}

static void knits_maglev_test_removal_keeps_survivors(struct kunit *test)
{
	u16 *before = knits_maglev_test_table(test, three, ARRAY_SIZE(three));
	/* member 1 leaves; member 2 becomes index 1 */
	const struct knits_maglev_member two[] = { three[0], three[2] };
	u16 *after = knits_maglev_test_table(test, two, ARRAY_SIZE(two));
	u32 i, survivors = 0, kept = 0;

	for (i = 0; i < SIZE; i++) {
		if (before[i] == 1)
			continue;
		survivors++;
		kept += after[i] == (before[i] ? 1 : 0);
	}
	KUNIT_EXPECT_GE(test, kept * 100, survivors * 95);
}

static void knits_maglev_test_refuses_bad_sizes(struct kunit *test)
{
	struct knits_maglev_scratch scratch[1];
	u16 table[9] = {};

	KUNIT_EXPECT_FALSE(test, knits_maglev_populate(table, 9, three, 1,
						       scratch));
	KUNIT_EXPECT_EQ(test, table[0], 0);
	KUNIT_EXPECT_TRUE(test, knits_maglev_size_ok(SIZE));
	KUNIT_EXPECT_FALSE(test, knits_maglev_size_ok(SIZE + 2));
}

static struct kunit_case knits_maglev_test_cases[] = {
	KUNIT_CASE(knits_maglev_test_equal_shares),
	KUNIT_CASE(knits_maglev_test_removal_keeps_survivors),
	KUNIT_CASE(knits_maglev_test_refuses_bad_sizes),
	{}
};

static struct kunit_suite knits_maglev_test_suite = {
	.name = "knits_maglev",
	.test_cases = knits_maglev_test_cases,
};

kunit_test_suite(knits_maglev_test_suite);

MODULE_LICENSE("Dual MIT/GPL");
