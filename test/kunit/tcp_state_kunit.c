// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 *
 * KUnit suite for the TCP connection state tracker (kmod/core/tcp_state.h)
 * as the kernel builds it: handshake, closes, RST and port reuse.
 */

#include <kunit/test.h>

#include "core/tcp_state.h"

#define CLI true	/* client -> member */
#define MBR false	/* member -> client */
#define F_SYN KNITS_TCPF_SYN
#define F_FIN KNITS_TCPF_FIN
#define F_RST KNITS_TCPF_RST
#define F_ACK KNITS_TCPF_ACK

struct knits_tcp_step {
	bool from_client;
	u8 flags;
	u8 want;
};

/* Feed @steps to the tracker from @state, checking the state after each. */
static void knits_tcp_walk(struct kunit *test, u8 state,
			   const struct knits_tcp_step *steps, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		state = knits_tcp_next_state(state, steps[i].from_client,
					     steps[i].flags);
		KUNIT_EXPECT_STREQ_MSG(test, knits_tcp_state_name(state),
				       knits_tcp_state_name(steps[i].want),
				       "step %u", i);
	}
}

static void knits_tcp_state_test_handshake(struct kunit *test)
{
	static const struct knits_tcp_step steps[] = {
		{ CLI, F_SYN, KNITS_TCP_SYN_SENT },
		{ CLI, F_SYN, KNITS_TCP_SYN_SENT },
		{ MBR, F_SYN | F_ACK, KNITS_TCP_SYN_RECV },
		{ MBR, F_ACK, KNITS_TCP_SYN_RECV },
		{ CLI, F_ACK, KNITS_TCP_ESTABLISHED },
		{ MBR, F_ACK, KNITS_TCP_ESTABLISHED },
		{ CLI, F_SYN, KNITS_TCP_ESTABLISHED },
	};

	knits_tcp_walk(test, KNITS_TCP_NONE, steps, ARRAY_SIZE(steps));
}

static void knits_tcp_state_test_close(struct kunit *test)
{
	static const struct knits_tcp_step client_first[] = {
		{ CLI, F_FIN | F_ACK, KNITS_TCP_FIN_WAIT },
		{ MBR, F_ACK, KNITS_TCP_CLOSE_WAIT },
		{ MBR, F_ACK, KNITS_TCP_CLOSE_WAIT },
		{ MBR, F_FIN | F_ACK, KNITS_TCP_LAST_ACK },
		{ CLI, F_ACK, KNITS_TCP_TIME_WAIT },
		{ MBR, F_FIN | F_ACK, KNITS_TCP_TIME_WAIT },
	};
	static const struct knits_tcp_step member_first[] = {
		{ MBR, F_FIN | F_ACK, KNITS_TCP_FIN_WAIT },
		{ CLI, F_FIN | F_ACK, KNITS_TCP_LAST_ACK },
		{ MBR, F_ACK, KNITS_TCP_TIME_WAIT },
	};
	static const struct knits_tcp_step simultaneous[] = {
		{ CLI, F_FIN | F_ACK, KNITS_TCP_FIN_WAIT },
		{ MBR, F_FIN | F_ACK, KNITS_TCP_LAST_ACK },
		{ MBR, F_ACK, KNITS_TCP_TIME_WAIT },
		{ CLI, F_ACK, KNITS_TCP_TIME_WAIT },
	};

	knits_tcp_walk(test, KNITS_TCP_ESTABLISHED, client_first,
		       ARRAY_SIZE(client_first));
	knits_tcp_walk(test, KNITS_TCP_ESTABLISHED, member_first,
		       ARRAY_SIZE(member_first));
	knits_tcp_walk(test, KNITS_TCP_ESTABLISHED, simultaneous,
		       ARRAY_SIZE(simultaneous));
	KUNIT_EXPECT_TRUE(test, knits_tcp_state_is_closing(KNITS_TCP_FIN_WAIT));
	KUNIT_EXPECT_TRUE(test, knits_tcp_state_is_closing(KNITS_TCP_CLOSE));
	KUNIT_EXPECT_FALSE(test,
			   knits_tcp_state_is_closing(KNITS_TCP_ESTABLISHED));
}

static void knits_tcp_state_test_rst(struct kunit *test)
{
	u8 s;

	for (s = 0; s < __KNITS_TCP_STATE_MAX; s++) {
		KUNIT_EXPECT_EQ_MSG(test, knits_tcp_next_state(s, CLI, F_RST),
				    KNITS_TCP_CLOSE, "%s",
				    knits_tcp_state_name(s));
		KUNIT_EXPECT_EQ_MSG(test,
				    knits_tcp_next_state(s, MBR, F_RST | F_ACK),
				    KNITS_TCP_CLOSE, "%s",
				    knits_tcp_state_name(s));
	}
	/* Out of range: CLOSE whatever the packet. */
	KUNIT_EXPECT_EQ(test,
			knits_tcp_next_state(__KNITS_TCP_STATE_MAX, CLI, F_ACK),
			KNITS_TCP_CLOSE);
	KUNIT_EXPECT_EQ(test, knits_tcp_next_state(0xff, MBR, 0),
			KNITS_TCP_CLOSE);
	KUNIT_EXPECT_STREQ(test, knits_tcp_state_name(0xff), "UNKNOWN");
}

static void knits_tcp_state_test_reuse(struct kunit *test)
{
	static const struct knits_tcp_step after_rst[] = {
		{ MBR, F_ACK, KNITS_TCP_CLOSE },
		{ CLI, F_SYN, KNITS_TCP_SYN_SENT },
		{ MBR, F_SYN | F_ACK, KNITS_TCP_SYN_RECV },
		{ CLI, F_ACK, KNITS_TCP_ESTABLISHED },
	};

	KUNIT_EXPECT_TRUE(test, knits_tcp_syn_reuses(KNITS_TCP_TIME_WAIT));
	KUNIT_EXPECT_TRUE(test, knits_tcp_syn_reuses(KNITS_TCP_CLOSE));
	KUNIT_EXPECT_FALSE(test, knits_tcp_syn_reuses(KNITS_TCP_LAST_ACK));
	KUNIT_EXPECT_FALSE(test, knits_tcp_syn_reuses(KNITS_TCP_ESTABLISHED));

	KUNIT_EXPECT_EQ(test,
			knits_tcp_next_state(KNITS_TCP_TIME_WAIT, CLI, F_SYN),
			KNITS_TCP_SYN_SENT);
	/* A member's SYN does not open a connection. */
	KUNIT_EXPECT_EQ(test,
			knits_tcp_next_state(KNITS_TCP_TIME_WAIT, MBR, F_SYN),
			KNITS_TCP_TIME_WAIT);
	knits_tcp_walk(test, KNITS_TCP_CLOSE, after_rst, ARRAY_SIZE(after_rst));
}

static void knits_tcp_state_test_timeouts(struct kunit *test)
{
	struct knits_tcp_timeouts t;
	int s;

	knits_tcp_timeouts_init(&t);
	KUNIT_EXPECT_EQ(test, t.secs[KNITS_TCP_ESTABLISHED], 900U);
	KUNIT_EXPECT_EQ(test, t.secs[KNITS_TCP_TIME_WAIT], 120U);
	KUNIT_EXPECT_EQ(test, t.secs[KNITS_TCP_NONE], 2U);

	s = knits_tcp_timeout_cfg_state(KNITS_CFG_A_TIMEOUT_FIN_WAIT);
	KUNIT_EXPECT_EQ(test, s, KNITS_TCP_FIN_WAIT);
	s = knits_tcp_timeout_cfg_state(KNITS_CFG_A_TIMEOUT_CLOSE);
	KUNIT_EXPECT_EQ(test, s, KNITS_TCP_CLOSE);
	KUNIT_EXPECT_EQ(test, knits_tcp_timeout_cfg_state(KNITS_CFG_A_CONNS),
			-1);
}

static struct kunit_case knits_tcp_state_test_cases[] = {
	KUNIT_CASE(knits_tcp_state_test_handshake),
	KUNIT_CASE(knits_tcp_state_test_close),
	KUNIT_CASE(knits_tcp_state_test_rst),
	KUNIT_CASE(knits_tcp_state_test_reuse),
	KUNIT_CASE(knits_tcp_state_test_timeouts),
	{}
};

static struct kunit_suite knits_tcp_state_test_suite = {
	.name = "knits_tcp_state",
	.test_cases = knits_tcp_state_test_cases,
};

kunit_test_suite(knits_tcp_state_test_suite);

MODULE_LICENSE("Dual MIT/GPL");
