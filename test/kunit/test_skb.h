/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Test packets for the KUnit suites that rewrite real skbs (nat_kunit.c,
 * tcp_rewrite_kunit.c): a TCP packet laid out flat, its checksums computed
 * from scratch, and the same bytes in an skb of any shape the gateway
 * receives (linear, paged at odd page offsets, the TCP header split
 * between the head and a frag, CHECKSUM_NONE, _PARTIAL or _COMPLETE); then
 * the checks that an skb holds exactly an expected packet and that the
 * kernel's own consumers take its checksums. See test_skb.c.
 */

#ifndef _KNITS_TEST_SKB_H
#define _KNITS_TEST_SKB_H

#include <kunit/test.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>

/* one word of NOPs after the IPv4 header, when asked for */
#define KNITS_TEST_IPOPTLEN	4

struct knits_test_pkt;

/*
 * Reports, field by field, where the packet @got differs from @want,
 * before knits_test_expect_pkt() compares them byte by byte.
 */
typedef void (*knits_test_fields_fn)(struct kunit *test, const u8 *got,
				     const struct knits_test_pkt *want);

/* A packet laid out flat, from its network header on. */
struct knits_test_pkt {
	u8 family;
	unsigned int thoff;
	unsigned int len;
	u8 *b;
	knits_test_fields_fn expect_fields;
};

static inline struct tcphdr *knits_test_th(const struct knits_test_pkt *p)
{
	return (struct tcphdr *)(p->b + p->thoff);
}

/* The TCP header's length, options included. */
static inline unsigned int knits_test_tcphlen(const struct knits_test_pkt *p)
{
	return knits_test_th(p)->doff * 4;
}

__sum16 knits_test_magic(u8 family, const void *nh, unsigned int tcplen,
			 __wsum sum);
__sum16 knits_test_pseudo(u8 family, const void *nh, unsigned int tcplen);
void knits_test_fill(struct knits_test_pkt *p);
struct knits_test_pkt *knits_test_make(struct kunit *test, u8 family,
				       bool ip_opts, const u8 *tcp_opts,
				       unsigned int optlen,
				       unsigned int paylen);
struct knits_test_pkt *knits_test_dup(struct kunit *test,
				      const struct knits_test_pkt *p);
struct knits_test_pkt *knits_test_partial(struct kunit *test,
					  const struct knits_test_pkt *p);
void knits_test_zero(struct kunit *test, struct knits_test_pkt *p,
		     struct knits_test_pkt *other);

struct sk_buff *knits_test_track(struct kunit *test, struct sk_buff *skb);
struct sk_buff *knits_test_skb(struct kunit *test,
			       const struct knits_test_pkt *p, u8 ip_summed,
			       unsigned int tcp_head, bool tight);
u8 *knits_test_bytes(struct kunit *test, const struct sk_buff *skb);
skb_frag_t *knits_test_frags(struct kunit *test, const struct sk_buff *skb);

void knits_test_expect_pkt(struct kunit *test, const u8 *got,
			   const struct knits_test_pkt *want);
u16 knits_test_verify(const struct sk_buff *skb, u8 family,
		      unsigned int thoff);
void knits_test_check(struct kunit *test, struct sk_buff *skb,
		      const struct knits_test_pkt *want, u8 ip_summed);

#endif /* _KNITS_TEST_SKB_H */
