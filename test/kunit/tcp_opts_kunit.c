// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 *
 * KUnit suite for the TCP options parser and writers
 * (kmod/core/tcp_opts.h) as the kernel builds them: a Linux SYN, SACK
 * and timestamp rewrites in place, malformed option lists.
 */

#include <kunit/test.h>
#include <linux/string.h>

#include "core/tcp_opts.h"

/* A SYN of Linux 6.1: MSS 1460, SACK-permitted, TS, NOP, window scale 7. */
static const u8 knits_linux_syn[] = {
	0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a, 0x9b, 0x3c,
	0x1f, 0x2e, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x07,
};

/* Linux's data segment layout with three SACK blocks: 40 bytes. */
static const u8 knits_ts_sack3[] = {
	0x01, 0x01, 0x08, 0x0a, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00,
	0x00, 0x08, 0x01, 0x01, 0x05, 0x1a, 0x11, 0x11, 0x11, 0x11,
	0x22, 0x22, 0x22, 0x22, 0x33, 0x33, 0x33, 0x33, 0x44, 0x44,
	0x44, 0x44, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00,
};

static void knits_tcp_opts_test_linux_syn(struct kunit *test)
{
	u8 buf[sizeof(knits_linux_syn)];
	struct knits_tcp_opts o, again;

	memcpy(buf, knits_linux_syn, sizeof(buf));
	KUNIT_ASSERT_EQ(test, knits_tcp_opts_parse(buf, sizeof(buf), &o), 0);
	KUNIT_EXPECT_TRUE(test, o.has_mss);
	KUNIT_EXPECT_EQ(test, o.mss, 1460);
	KUNIT_EXPECT_TRUE(test, o.sack_ok);
	KUNIT_EXPECT_TRUE(test, o.has_wscale);
	KUNIT_EXPECT_EQ(test, o.wscale, 7);
	KUNIT_EXPECT_TRUE(test, o.has_ts);
	KUNIT_EXPECT_EQ(test, o.tsval, 0x9b3c1f2eU);
	KUNIT_EXPECT_EQ(test, o.tsecr, 0U);
	KUNIT_EXPECT_EQ(test, o.ts_off, 8);
	KUNIT_EXPECT_EQ(test, o.nsack, 0);

	/* The timestamps move in place; nothing else changes. */
	knits_tcp_opts_put_ts(buf, &o, 0x01020304, 0xa0b0c0d0);
	KUNIT_EXPECT_EQ(test, memcmp(buf, knits_linux_syn, 8), 0);
	KUNIT_EXPECT_EQ(test, memcmp(buf + 16, knits_linux_syn + 16, 4), 0);
	KUNIT_ASSERT_EQ(test, knits_tcp_opts_parse(buf, sizeof(buf), &again),
			0);
	KUNIT_EXPECT_EQ(test, again.tsval, 0x01020304U);
	KUNIT_EXPECT_EQ(test, again.tsecr, 0xa0b0c0d0U);
	KUNIT_EXPECT_EQ(test, again.mss, 1460);
	KUNIT_EXPECT_EQ(test, again.wscale, 7);
}

static void knits_tcp_opts_test_sack_rewrite(struct kunit *test)
{
	u8 buf[sizeof(knits_ts_sack3)];
	struct knits_tcp_opts o, again;
	unsigned int i;

	memcpy(buf, knits_ts_sack3, sizeof(buf));
	KUNIT_ASSERT_EQ(test, knits_tcp_opts_parse(buf, sizeof(buf), &o), 0);
	KUNIT_EXPECT_TRUE(test, o.has_ts);
	KUNIT_EXPECT_EQ(test, o.ts_off, 4);
	KUNIT_ASSERT_EQ(test, o.nsack, 3);
	KUNIT_EXPECT_EQ(test, o.sack_off, 16);
	KUNIT_EXPECT_EQ(test, o.sack_start[2], 0xffffff00U);
	KUNIT_EXPECT_EQ(test, o.sack_end[2], 0x00000100U);

	/* Shift every block as a splice's translation would. */
	for (i = 0; i < o.nsack; i++)
		knits_tcp_opts_put_sack(buf, &o, i, o.sack_start[i] + 1000,
					o.sack_end[i] + 1000);
	/* A block the segment does not have is not written. */
	knits_tcp_opts_put_sack(buf, &o, 3, 1, 2);
	KUNIT_EXPECT_EQ(test, memcmp(buf, knits_ts_sack3, 16), 0);
	KUNIT_ASSERT_EQ(test, knits_tcp_opts_parse(buf, sizeof(buf), &again),
			0);
	KUNIT_ASSERT_EQ(test, again.nsack, 3);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, again.sack_start[i],
				o.sack_start[i] + 1000);
		KUNIT_EXPECT_EQ(test, again.sack_end[i], o.sack_end[i] + 1000);
	}
	KUNIT_EXPECT_EQ(test, again.sack_start[2], 0x000002e8U);

	/* For a peer without SACK: the option becomes NOPs, TS stays. */
	knits_tcp_opts_nop_sack(buf, &again);
	for (i = 14; i < sizeof(buf); i++)
		KUNIT_EXPECT_EQ_MSG(test, buf[i], KNITS_TCPOPT_NOP, "byte %u", i);
	KUNIT_ASSERT_EQ(test, knits_tcp_opts_parse(buf, sizeof(buf), &again),
			0);
	KUNIT_EXPECT_EQ(test, again.nsack, 0);
	KUNIT_EXPECT_TRUE(test, again.has_ts);
	KUNIT_EXPECT_EQ(test, again.tsval, 7U);
}

struct knits_tcp_opts_bad {
	const char *what;
	u8 len;
	u8 bytes[KNITS_TCP_OPTS_MAX];
};

static void knits_tcp_opts_test_malformed(struct kunit *test)
{
	static const struct knits_tcp_opts_bad bad[] = {
		{ "kind without length", 1, { 0x08 } },
		{ "length 1", 2, { 0xfe, 0x01 } },
		{ "past the end", 4, { 0xfe, 0x05, 0x00, 0x00 } },
		{ "MSS of length 3", 3, { 0x02, 0x03, 0x05 } },
		{ "window scale of length 4", 4, { 0x03, 0x04, 0x07, 0x00 } },
		{ "SACK-permitted of length 3", 3, { 0x04, 0x03, 0x00 } },
		{ "TS of length 8", 8, { 0x08, 0x08 } },
		{ "SACK without blocks", 2, { 0x05, 0x02 } },
		{ "SACK of length 11", 11, { 0x05, 0x0b } },
		{ "MSS twice", 8, { 0x02, 0x04, 0x05, 0xb4, 0x02, 0x04, 0x05,
				    0xb4 } },
	};
	static const u8 padded[] = { 0x03, 0x03, 0x0f, 0x00, 0xfe, 0x01 };
	u8 nops[KNITS_TCP_OPTS_MAX + 1];
	struct knits_tcp_opts o;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    knits_tcp_opts_parse(bad[i].bytes,
							 bad[i].len, &o),
				    -1, "%s", bad[i].what);
	/* More than doff can describe, however well formed. */
	memset(nops, KNITS_TCPOPT_NOP, sizeof(nops));
	KUNIT_EXPECT_EQ(test, knits_tcp_opts_parse(nops, sizeof(nops), &o), -1);
	KUNIT_EXPECT_EQ(test, knits_tcp_opts_parse(nops, sizeof(nops) - 1, &o),
			0);

	/* What follows EOL is padding, however it looks; shift 15 is 14. */
	KUNIT_ASSERT_EQ(test,
			knits_tcp_opts_parse(padded, sizeof(padded), &o), 0);
	KUNIT_EXPECT_EQ(test, o.wscale, 14);
	/* An empty options area is fine. */
	KUNIT_EXPECT_EQ(test, knits_tcp_opts_parse(padded, 0, &o), 0);
	KUNIT_EXPECT_FALSE(test, o.has_wscale);
}

static struct kunit_case knits_tcp_opts_test_cases[] = {
	KUNIT_CASE(knits_tcp_opts_test_linux_syn),
	KUNIT_CASE(knits_tcp_opts_test_sack_rewrite),
	KUNIT_CASE(knits_tcp_opts_test_malformed),
	{}
};

static struct kunit_suite knits_tcp_opts_test_suite = {
	.name = "knits_tcp_opts",
	.test_cases = knits_tcp_opts_test_cases,
};

kunit_test_suite(knits_tcp_opts_test_suite);

MODULE_LICENSE("Dual MIT/GPL");
