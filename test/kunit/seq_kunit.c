// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 *
 * KUnit suite for the 32-bit TCP sequence arithmetic of kmod/core/seq.h and
 * the mapping between sequence numbers and 64-bit stream offsets.
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/limits.h>

#include "../../kmod/core/seq.h"

#define HALF	0x80000000u	/* 2^31: the ambiguity distance */
#define GIB4	0x100000000ll	/* 2^32: one turn of the sequence circle */

static void knits_seq_diff_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, knits_seq_diff(5, 3), 2);
	KUNIT_EXPECT_EQ(test, knits_seq_diff(3, 5), -2);
	KUNIT_EXPECT_EQ(test, knits_seq_diff(7, 7), 0);

	/* Across the wrap. */
	KUNIT_EXPECT_EQ(test, knits_seq_diff(0, 0xffffffff), 1);
	KUNIT_EXPECT_EQ(test, knits_seq_diff(0xffffffff, 0), -1);
	KUNIT_EXPECT_EQ(test, knits_seq_diff(0x10, 0xfffffff0), 0x20);
	KUNIT_EXPECT_EQ(test, knits_seq_diff(0xfffffff0, 0x10), -0x20);

	/* The largest distances that still have a sign. */
	KUNIT_EXPECT_EQ(test, knits_seq_diff(0x7fffffff, 0), S32_MAX);
	KUNIT_EXPECT_EQ(test, knits_seq_diff(0, 0x7fffffff), -S32_MAX);
	KUNIT_EXPECT_EQ(test, knits_seq_diff(0x80000001, 0), -S32_MAX);

	/* Exactly half the circle apart: S32_MIN both ways. */
	KUNIT_EXPECT_EQ(test, knits_seq_diff(HALF, 0), S32_MIN);
	KUNIT_EXPECT_EQ(test, knits_seq_diff(0, HALF), S32_MIN);
	KUNIT_EXPECT_EQ(test, knits_seq_diff(0xffffffff, 0x7fffffff), S32_MIN);
}

static void knits_seq_compare_test(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, knits_seq_before(1, 2));
	KUNIT_EXPECT_FALSE(test, knits_seq_before(2, 1));
	KUNIT_EXPECT_TRUE(test, knits_seq_after(2, 1));
	KUNIT_EXPECT_FALSE(test, knits_seq_after(1, 2));
	KUNIT_EXPECT_TRUE(test, knits_seq_before_eq(1, 2));
	KUNIT_EXPECT_FALSE(test, knits_seq_before_eq(2, 1));
	KUNIT_EXPECT_TRUE(test, knits_seq_after_eq(2, 1));
	KUNIT_EXPECT_FALSE(test, knits_seq_after_eq(1, 2));

	/* Equal numbers: only the _eq forms hold. */
	KUNIT_EXPECT_FALSE(test, knits_seq_before(42, 42));
	KUNIT_EXPECT_FALSE(test, knits_seq_after(42, 42));
	KUNIT_EXPECT_TRUE(test, knits_seq_before_eq(42, 42));
	KUNIT_EXPECT_TRUE(test, knits_seq_after_eq(42, 42));
	KUNIT_EXPECT_FALSE(test, knits_seq_before(0xffffffff, 0xffffffff));
	KUNIT_EXPECT_TRUE(test, knits_seq_after_eq(0xffffffff, 0xffffffff));

	/* Across the 2^32 wrap the numerically larger one comes first. */
	KUNIT_EXPECT_TRUE(test, knits_seq_before(0xffffffff, 0));
	KUNIT_EXPECT_FALSE(test, knits_seq_after(0xffffffff, 0));
	KUNIT_EXPECT_TRUE(test, knits_seq_after(0, 0xffffffff));
	KUNIT_EXPECT_FALSE(test, knits_seq_before(0, 0xffffffff));
	KUNIT_EXPECT_TRUE(test, knits_seq_before(0xfffffff0, 0x10));
	KUNIT_EXPECT_TRUE(test, knits_seq_before_eq(0xfffffff0, 0x10));
	KUNIT_EXPECT_TRUE(test, knits_seq_after(0x10, 0xfffffff0));
	KUNIT_EXPECT_TRUE(test, knits_seq_after_eq(0x10, 0xfffffff0));
	KUNIT_EXPECT_FALSE(test, knits_seq_after_eq(0xfffffff0, 0x10));

	/* 2^31 - 1 apart is still unambiguous, with or without a wrap. */
	KUNIT_EXPECT_TRUE(test, knits_seq_after(0x7fffffff, 0));
	KUNIT_EXPECT_TRUE(test, knits_seq_before(0, 0x7fffffff));
	KUNIT_EXPECT_TRUE(test, knits_seq_after(0x7ffffffe, 0xffffffff));
	KUNIT_EXPECT_TRUE(test, knits_seq_before(0xffffffff, 0x7ffffffe));

	/* 2^31 + 1 ahead numerically is behind on the circle. */
	KUNIT_EXPECT_TRUE(test, knits_seq_before(0x80000001, 0));
	KUNIT_EXPECT_TRUE(test, knits_seq_after(0, 0x80000001));
}

/*
 * Exactly 2^31 apart, the distance is S32_MIN whichever way it is taken, so
 * each number is "before" the other and neither is "after" the other. The
 * callers must never compare numbers that far apart; this pins down what
 * they get if they do.
 */
static void knits_seq_half_circle_test(struct kunit *test)
{
	static const u32 lo[] = { 0, 1, 0x40000000, 0x7fffffff, 0xc0000000 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lo); i++) {
		u32 a = lo[i], b = lo[i] + HALF;

		KUNIT_EXPECT_TRUE_MSG(test, knits_seq_before(a, b), "a=%#x", a);
		KUNIT_EXPECT_TRUE_MSG(test, knits_seq_before(b, a), "a=%#x", a);
		KUNIT_EXPECT_TRUE_MSG(test, knits_seq_before_eq(a, b),
				      "a=%#x", a);
		KUNIT_EXPECT_TRUE_MSG(test, knits_seq_before_eq(b, a),
				      "a=%#x", a);
		KUNIT_EXPECT_FALSE_MSG(test, knits_seq_after(a, b), "a=%#x", a);
		KUNIT_EXPECT_FALSE_MSG(test, knits_seq_after(b, a), "a=%#x", a);
		KUNIT_EXPECT_FALSE_MSG(test, knits_seq_after_eq(a, b),
				       "a=%#x", a);
		KUNIT_EXPECT_FALSE_MSG(test, knits_seq_after_eq(b, a),
				       "a=%#x", a);
	}
}

static void knits_seq_min_max_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, knits_seq_max(3, 5), 5u);
	KUNIT_EXPECT_EQ(test, knits_seq_max(5, 3), 5u);
	KUNIT_EXPECT_EQ(test, knits_seq_min(3, 5), 3u);
	KUNIT_EXPECT_EQ(test, knits_seq_min(5, 3), 3u);
	KUNIT_EXPECT_EQ(test, knits_seq_max(9, 9), 9u);
	KUNIT_EXPECT_EQ(test, knits_seq_min(9, 9), 9u);

	/* Across the wrap: 0x10 is 0x20 after 0xfffffff0. */
	KUNIT_EXPECT_EQ(test, knits_seq_max(0xfffffff0, 0x10), 0x10u);
	KUNIT_EXPECT_EQ(test, knits_seq_max(0x10, 0xfffffff0), 0x10u);
	KUNIT_EXPECT_EQ(test, knits_seq_min(0xfffffff0, 0x10), 0xfffffff0u);
	KUNIT_EXPECT_EQ(test, knits_seq_min(0x10, 0xfffffff0), 0xfffffff0u);
	KUNIT_EXPECT_EQ(test, knits_seq_max(0xffffffff, 0), 0u);
	KUNIT_EXPECT_EQ(test, knits_seq_min(0, 0xffffffff), 0xffffffffu);

	/* 2^31 - 1 apart: still ordered. */
	KUNIT_EXPECT_EQ(test, knits_seq_max(0, 0x7fffffff), 0x7fffffffu);
	KUNIT_EXPECT_EQ(test, knits_seq_min(0x7fffffff, 0), 0u);

	/*
	 * Exactly 2^31 apart neither is after the other and each is before
	 * the other: max returns its second argument, min its first.
	 */
	KUNIT_EXPECT_EQ(test, knits_seq_max(0, HALF), HALF);
	KUNIT_EXPECT_EQ(test, knits_seq_max(HALF, 0), 0u);
	KUNIT_EXPECT_EQ(test, knits_seq_min(0, HALF), 0u);
	KUNIT_EXPECT_EQ(test, knits_seq_min(HALF, 0), HALF);
}

static void knits_seq_in_window_test(struct kunit *test)
{
	/* [1000, 1100): both edges. */
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(999, 1000, 100));
	KUNIT_EXPECT_TRUE(test, knits_seq_in_window(1000, 1000, 100));
	KUNIT_EXPECT_TRUE(test, knits_seq_in_window(1099, 1000, 100));
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(1100, 1000, 100));

	/* An empty window holds nothing, not even its start. */
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(1000, 1000, 0));
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(999, 1000, 0));
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(1001, 1000, 0));
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(0, 0, 0));
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(0xffffffff, 0xffffffff, 0));

	/* A one-byte window holds exactly its start. */
	KUNIT_EXPECT_TRUE(test, knits_seq_in_window(0xffffffff, 0xffffffff, 1));
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(0, 0xffffffff, 1));
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(0xfffffffe, 0xffffffff, 1));

	/* [0xfffffff0, 0x10) crosses the wrap. */
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(0xffffffef, 0xfffffff0, 0x20));
	KUNIT_EXPECT_TRUE(test, knits_seq_in_window(0xfffffff0, 0xfffffff0, 0x20));
	KUNIT_EXPECT_TRUE(test, knits_seq_in_window(0xffffffff, 0xfffffff0, 0x20));
	KUNIT_EXPECT_TRUE(test, knits_seq_in_window(0, 0xfffffff0, 0x20));
	KUNIT_EXPECT_TRUE(test, knits_seq_in_window(0xf, 0xfffffff0, 0x20));
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(0x10, 0xfffffff0, 0x20));

	/* [0xfffffff0, 2^32) ends exactly at the wrap; [0, 0x10) starts there. */
	KUNIT_EXPECT_TRUE(test, knits_seq_in_window(0xffffffff, 0xfffffff0, 0x10));
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(0, 0xfffffff0, 0x10));
	KUNIT_EXPECT_TRUE(test, knits_seq_in_window(0, 0, 0x10));
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(0xffffffff, 0, 0x10));

	/* Windows of 2^31 bytes and more, which before/after cannot express. */
	KUNIT_EXPECT_TRUE(test, knits_seq_in_window(0x7fffffff, 0, HALF));
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(HALF, 0, HALF));
	KUNIT_EXPECT_TRUE(test, knits_seq_in_window(0xbfffffff, 0, 0xc0000000));
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(0xc0000000, 0, 0xc0000000));

	/* The largest window holds everything but the number before it. */
	KUNIT_EXPECT_TRUE(test, knits_seq_in_window(0x12345678, 0x12345678, U32_MAX));
	KUNIT_EXPECT_TRUE(test, knits_seq_in_window(0x12345676, 0x12345678, U32_MAX));
	KUNIT_EXPECT_TRUE(test, knits_seq_in_window(0x92345678, 0x12345678, U32_MAX));
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(0x12345677, 0x12345678, U32_MAX));
	KUNIT_EXPECT_FALSE(test, knits_seq_in_window(0xffffffff, 0, U32_MAX));
	KUNIT_EXPECT_TRUE(test, knits_seq_in_window(0xfffffffe, 0, U32_MAX));
}

static void knits_seq_from_offset_test(struct kunit *test)
{
	/* Offset 0 is the byte after the SYN; the SYN is at -1. */
	KUNIT_EXPECT_EQ(test, knits_seq_from_offset(1000, 0), 1001u);
	KUNIT_EXPECT_EQ(test, knits_seq_from_offset(1000, 1), 1002u);
	KUNIT_EXPECT_EQ(test, knits_seq_from_offset(1000, -1), 1000u);

	/* An ISN at the top of the circle. */
	KUNIT_EXPECT_EQ(test, knits_seq_from_offset(0xffffffff, -1), 0xffffffffu);
	KUNIT_EXPECT_EQ(test, knits_seq_from_offset(0xffffffff, 0), 0u);
	KUNIT_EXPECT_EQ(test, knits_seq_from_offset(0xfffffffe, 0), 0xffffffffu);
	KUNIT_EXPECT_EQ(test, knits_seq_from_offset(0xfffffffe, 1), 0u);

	/* Offsets a whole number of turns apart share a sequence number. */
	KUNIT_EXPECT_EQ(test, knits_seq_from_offset(1000, GIB4), 1001u);
	KUNIT_EXPECT_EQ(test, knits_seq_from_offset(1000, GIB4 - 1), 1000u);
	KUNIT_EXPECT_EQ(test, knits_seq_from_offset(1000, 5 * GIB4 + 7), 1008u);
	KUNIT_EXPECT_EQ(test, knits_seq_from_offset(0x80000000, 0x123456789abll),
			0xc56789acu);
	KUNIT_EXPECT_EQ(test, knits_seq_from_offset(7, S64_MAX), 7u);
}

/* The SYN unwraps to -1 as long as @near is within 2^31 of it. */
static void knits_seq_syn_test(struct kunit *test)
{
	static const u32 isns[] = { 0, 1000, 0x7fffffff, HALF, 0xffffffff };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(isns); i++) {
		u32 isn = isns[i];

		KUNIT_EXPECT_EQ_MSG(test, knits_seq_to_offset(isn, isn, 0), -1ll,
				    "isn=%#x", isn);
		KUNIT_EXPECT_EQ_MSG(test, knits_seq_to_offset(isn, isn, -1), -1ll,
				    "isn=%#x", isn);
		KUNIT_EXPECT_EQ_MSG(test, knits_seq_to_offset(isn, isn, 1460),
				    -1ll, "isn=%#x", isn);
		/* The farthest reference that still gets it right... */
		KUNIT_EXPECT_EQ_MSG(test,
				    knits_seq_to_offset(isn, isn, S32_MAX),
				    -1ll, "isn=%#x", isn);
		/* ... and one byte farther: the next turn's alias. */
		KUNIT_EXPECT_EQ_MSG(test,
				    knits_seq_to_offset(isn, isn, HALF),
				    GIB4 - 1, "isn=%#x", isn);

		KUNIT_EXPECT_EQ_MSG(test, knits_seq_to_offset(isn, isn + 1, 0),
				    0ll, "isn=%#x", isn);
		KUNIT_EXPECT_EQ_MSG(test, knits_seq_to_offset(isn, isn - 9, 0),
				    -10ll, "isn=%#x", isn);
		KUNIT_EXPECT_EQ_MSG(test, knits_seq_from_offset(isn, -1), isn,
				    "isn=%#x", isn);
	}
}

static const u32 knits_seq_isns[] = {
	0, 1, 1000, 0x7fffffff, HALF, 0x9e3779b9, 0xfffffffe, 0xffffffff,
};

static void knits_seq_isn_desc(const u32 *isn, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "isn=%#x", *isn);
}

KUNIT_ARRAY_PARAM(knits_seq_isn, knits_seq_isns, knits_seq_isn_desc);

static const s64 knits_seq_offsets[] = {
	0, 1, 1459, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
	GIB4, GIB4 + 1, GIB4 + 0x7fffffff, 3 * GIB4 - 1, 10000000000ll,
	0x123456789abll, 0x7fffff0012345678ll,
};

/*
 * from_offset() then to_offset() gives the offset back for every @near in
 * [off - (2^31 - 1), off + 2^31], however many turns the offset is past
 * the ISN; one byte beyond either end it gives the alias one turn away.
 */
static void knits_seq_round_trip_test(struct kunit *test)
{
	static const s64 deltas[] = {
		0, 1, -1, 1460, -1460, 0x40000000, -0x40000000,
		S32_MAX, -S32_MAX, HALF,
	};
	const u32 isn = *(const u32 *)test->param_value;
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(knits_seq_offsets); i++) {
		s64 off = knits_seq_offsets[i];
		u32 seq = knits_seq_from_offset(isn, off);

		KUNIT_EXPECT_EQ_MSG(test, seq, (u32)((s64)isn + 1 + off),
				    "off=%lld", off);

		for (j = 0; j < ARRAY_SIZE(deltas); j++) {
			s64 near = off + deltas[j];

			KUNIT_EXPECT_EQ_MSG(test,
					    knits_seq_to_offset(isn, seq, near),
					    off, "off=%lld near=%lld", off, near);
		}

		KUNIT_EXPECT_EQ_MSG(test,
				    knits_seq_to_offset(isn, seq, off - HALF),
				    off - GIB4, "off=%lld", off);
		KUNIT_EXPECT_EQ_MSG(test,
				    knits_seq_to_offset(isn, seq, off + HALF + 1),
				    off + GIB4, "off=%lld", off);
	}
}

/* Any sequence number unwraps to an offset that maps back to it. */
static void knits_seq_to_offset_test(struct kunit *test)
{
	/* isn 1000: seq 0x10 is 2^32 - 1000 - 1 + 0x10 bytes in. */
	KUNIT_EXPECT_EQ(test, knits_seq_to_offset(1000, 0x10, 0x7fffffff),
			GIB4 - 1001 + 0x10);
	KUNIT_EXPECT_EQ(test, knits_seq_to_offset(1000, 0x10, GIB4),
			GIB4 - 1001 + 0x10);
	/* From near 0 the same number is a (garbage) offset before the SYN. */
	KUNIT_EXPECT_EQ(test, knits_seq_to_offset(1000, 0x10, 0),
			0x10ll - 1001);

	/* Ten turns in, a retransmission and a segment ahead of @near. */
	KUNIT_EXPECT_EQ(test,
			knits_seq_to_offset(0xfffffff0, 0x0000fff0,
					    10 * GIB4 + 0x20000),
			10 * GIB4 + 0xffff);
	KUNIT_EXPECT_EQ(test,
			knits_seq_to_offset(0xfffffff0, 0x7000fff0,
					    10 * GIB4 + 0x20000),
			10 * GIB4 + 0x7000ffff);
	KUNIT_EXPECT_EQ(test,
			knits_seq_to_offset(0xfffffff0, 0x9000fff0,
					    10 * GIB4 + 0x20000),
			9 * GIB4 + 0x9000ffff);

	KUNIT_EXPECT_EQ(test,
			knits_seq_from_offset(0x9e3779b9,
					      knits_seq_to_offset(0x9e3779b9,
								  0x12345678,
								  -77)),
			0x12345678u);
	KUNIT_EXPECT_EQ(test,
			knits_seq_from_offset(0x9e3779b9,
					      knits_seq_to_offset(0x9e3779b9,
								  0xdeadbeef,
								  0x7654321012ll)),
			0xdeadbeefu);
}

static struct kunit_case knits_seq_cases[] = {
	KUNIT_CASE(knits_seq_diff_test),
	KUNIT_CASE(knits_seq_compare_test),
	KUNIT_CASE(knits_seq_half_circle_test),
	KUNIT_CASE(knits_seq_min_max_test),
	KUNIT_CASE(knits_seq_in_window_test),
	KUNIT_CASE(knits_seq_from_offset_test),
	KUNIT_CASE(knits_seq_syn_test),
	KUNIT_CASE_PARAM(knits_seq_round_trip_test, knits_seq_isn_gen_params),
	KUNIT_CASE(knits_seq_to_offset_test),
	{}
};

static struct kunit_suite knits_seq_suite = {
	.name = "knits_seq",
	.test_cases = knits_seq_cases,
};

kunit_test_suite(knits_seq_suite);

MODULE_DESCRIPTION("KUnit tests for knits TCP sequence arithmetic");
MODULE_LICENSE("Dual MIT/GPL");
