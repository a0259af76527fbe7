// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 *
 * KUnit suite for knits_nat_rewrite() (kmod/nat.c) on real skbs of every
 * shape the gateway receives: linear, paged, cloned, with the TCP header
 * split between the head and a frag, GSO, and CHECKSUM_NONE, _PARTIAL and
 * _COMPLETE. Nothing is trusted to the incremental updates: the expected
 * packet is rebuilt flat with the new address and port and its checksums
 * are computed from scratch; the skb must hold exactly those bytes, and
 * the kernel's own consumers must accept it (test_skb.c builds and checks
 * the packets).
 *
 * CHECKSUM_COMPLETE: after a rewrite skb->csum must still be the sum of
 * the packet from its network header (test_skb.c says why). For an IPv4
 * address the address and the header checksum cancel and the TCP
 * checksum's change moves the sum, for an IPv6 address and for a port the
 * field and the TCP checksum cancel.
 */

#include <kunit/test.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <linux/tcp.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "nat.h"
#include "test_skb.h"

/* a TCP header with NOP, NOP and timestamps */
#define KNITS_NAT_TEST_TCPHLEN	32
/* odd lengths: the sums end on half a word */
#define KNITS_NAT_TEST_SHORT	101
#define KNITS_NAT_TEST_LONG	1001
#define KNITS_NAT_TEST_MSS	400


/* An address (host order; IPv4 uses addr[0]) and a port. */
struct knits_nat_test_end {
	u32 addr[4];
	u16 port;
};

/* A client's packet to a service, and where the gateway sends it. */
struct knits_nat_test_flow {
	struct knits_nat_test_end client;
	struct knits_nat_test_end service;
	struct knits_nat_test_end member;
	struct knits_nat_test_end gateway;
};

static const struct knits_nat_test_flow knits_nat_test_flow4 = {
	.client = { { 0xc000020a }, 40000 },	/* 192.0.2.10 */
	.service = { { 0xc6336401 }, 80 },	/* 198.51.100.1 */
	.member = { { 0x0a010203 }, 8080 },	/* 10.1.2.3 */
	.gateway = { { 0x0a000001 }, 61000 },	/* 10.0.0.1 */
};

static const struct knits_nat_test_flow knits_nat_test_flow6 = {
	.client = { { 0x20010db8, 0, 0, 0xa }, 40000 },
	.service = { { 0x20010db8, 1, 0, 1 }, 80 },
	.member = { { 0x20010db8, 2, 0, 3 }, 8080 },
	.gateway = { { 0x20010db8, 3, 0, 1 }, 61000 },
};

static const struct knits_nat_test_flow *knits_nat_test_flow(u8 family)
{
	return family == AF_INET ? &knits_nat_test_flow4 :
				   &knits_nat_test_flow6;
}

static union knits_addr knits_nat_test_addr(u8 family,
					    const struct knits_nat_test_end *e)
{
	union knits_addr addr = {};
	unsigned int i;

	for (i = 0; i < knits_addr_len(family) / 4; i++)
		addr.all[i] = cpu_to_be32(e->addr[i]);
	return addr;
}

/* Sets the @end address and port of @p, leaving its checksums alone. */
static void knits_nat_test_set(struct knits_test_pkt *p,
			       enum knits_nat_end end,
			       const struct knits_nat_test_end *e)
{
	union knits_addr addr = knits_nat_test_addr(p->family, e);
	struct tcphdr *th = knits_test_th(p);

	if (p->family == AF_INET) {
		struct iphdr *iph = (struct iphdr *)p->b;

		if (end == KNITS_NAT_DST)
			iph->daddr = addr.ip;
		else
			iph->saddr = addr.ip;
	} else {
		struct ipv6hdr *ip6h = (struct ipv6hdr *)p->b;

		if (end == KNITS_NAT_DST)
			ip6h->daddr = addr.in6;
		else
			ip6h->saddr = addr.in6;
	}
	if (end == KNITS_NAT_DST)
		th->dest = htons(e->port);
	else
		th->source = htons(e->port);
}

/* The addresses and ports of the packet @got must be @want's. */
static void knits_nat_test_expect_ends(struct kunit *test, const u8 *got,
				       const struct knits_test_pkt *want)
{
	const struct tcphdr *gth = (const struct tcphdr *)(got + want->thoff);
	const struct tcphdr *wth = knits_test_th(want);

	if (want->family == AF_INET) {
		const struct iphdr *g = (const struct iphdr *)got;
		const struct iphdr *w = (const struct iphdr *)want->b;

		KUNIT_EXPECT_EQ_MSG(test, ntohl(g->saddr), ntohl(w->saddr),
				    "saddr %pI4, want %pI4",
				    &g->saddr, &w->saddr);
		KUNIT_EXPECT_EQ_MSG(test, ntohl(g->daddr), ntohl(w->daddr),
				    "daddr %pI4, want %pI4",
				    &g->daddr, &w->daddr);
	} else {
		const struct ipv6hdr *g = (const struct ipv6hdr *)got;
		const struct ipv6hdr *w = (const struct ipv6hdr *)want->b;

		KUNIT_EXPECT_TRUE_MSG(test,
				      ipv6_addr_equal(&g->saddr, &w->saddr),
				      "saddr %pI6c, want %pI6c",
				      &g->saddr, &w->saddr);
		KUNIT_EXPECT_TRUE_MSG(test,
				      ipv6_addr_equal(&g->daddr, &w->daddr),
				      "daddr %pI6c, want %pI6c",
				      &g->daddr, &w->daddr);
	}
	KUNIT_EXPECT_EQ(test, ntohs(gth->source), ntohs(wth->source));
	KUNIT_EXPECT_EQ(test, ntohs(gth->dest), ntohs(wth->dest));
}

/* A TCP packet from @src to @dst with @paylen bytes of payload. */
static struct knits_test_pkt *
knits_nat_test_make(struct kunit *test, u8 family, bool ip_opts,
		    const struct knits_nat_test_end *src,
		    const struct knits_nat_test_end *dst, unsigned int paylen)
{
	/* NOP, NOP, timestamps 0x1234 and 0x5678 */
	static const u8 tcp_opts[] = { 1, 1, 8, 10, 0, 0, 0x12, 0x34,
				       0, 0, 0x56, 0x78 };
	struct knits_test_pkt *p;

	p = knits_test_make(test, family, ip_opts, tcp_opts, sizeof(tcp_opts),
			    paylen);
	p->expect_fields = knits_nat_test_expect_ends;
	knits_nat_test_set(p, KNITS_NAT_SRC, src);
	knits_nat_test_set(p, KNITS_NAT_DST, dst);
	knits_test_fill(p);
	return p;
}

/* The shape of an skb, and how its checksum arrives. */
struct knits_nat_test_param {
	const char *name;
	u8 family;
	u8 ip_summed;
	/* bytes of the TCP segment in the head, the rest in frags; 0: all */
	unsigned int tcp_head;
	/* no tailroom behind the head: a pull must reallocate it */
	bool tight;
	bool ip_opts;
	unsigned int paylen;
};

static void knits_nat_test_desc(const struct knits_nat_test_param *param,
				char *desc)
{
	strscpy(desc, param->name, KUNIT_PARAM_DESC_SIZE);
}

/* @p in an skb shaped as @param says (knits_test_skb()). */
static struct sk_buff *
knits_nat_test_skb(struct kunit *test, const struct knits_test_pkt *p,
		   const struct knits_nat_test_param *param)
{
	return knits_test_skb(test, p, param->ip_summed, param->tcp_head,
			      param->tight);
}

/* Rewrites the @end of @skb to @e, and of @want (checksums recomputed). */
static void knits_nat_test_step(struct kunit *test, struct sk_buff *skb,
				struct knits_test_pkt *want,
				enum knits_nat_end end,
				const struct knits_nat_test_end *e)
{
	union knits_addr addr = knits_nat_test_addr(want->family, e);

	knits_nat_test_set(want, end, e);
	knits_test_fill(want);
	KUNIT_ASSERT_EQ(test, knits_nat_rewrite(skb, want->family, want->thoff,
						end, &addr, htons(e->port)),
			0);
}

/*
 * The client's packet to the service, built as the parameter says, has its
 * destination rewritten to a member, then its source to the gateway.
 */
static void knits_nat_test_run(struct kunit *test)
{
	const struct knits_nat_test_param *param = test->param_value;
	const struct knits_nat_test_flow *flow =
		knits_nat_test_flow(param->family);
	struct knits_test_pkt *pkt, *want;
	unsigned char *head;
	struct sk_buff *skb;
	skb_frag_t *frags;
	unsigned int nr;

	pkt = knits_nat_test_make(test, param->family, param->ip_opts,
				  &flow->client, &flow->service,
				  param->paylen);
	skb = knits_nat_test_skb(test, pkt, param);
	knits_test_check(test, skb, pkt, param->ip_summed);
	head = skb->head;
	nr = skb_shinfo(skb)->nr_frags;
	frags = knits_test_frags(test, skb);

	want = knits_test_dup(test, pkt);
	knits_nat_test_step(test, skb, want, KNITS_NAT_DST, &flow->member);
	knits_test_check(test, skb, want, param->ip_summed);
	if (param->tight) {
		/* the pull reallocated the head: nat.c re-fetched its headers */
		KUNIT_EXPECT_PTR_NE(test, skb->head, head);
		KUNIT_EXPECT_GE(test, skb_headlen(skb),
				want->thoff + sizeof(struct tcphdr));
	}

	knits_nat_test_step(test, skb, want, KNITS_NAT_SRC, &flow->gateway);
	knits_test_check(test, skb, want, param->ip_summed);
	if (!param->tight) {
		/* only the head is written: the frags are the same pages */
		KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->nr_frags, nr);
		KUNIT_EXPECT_EQ(test, memcmp(frags, skb_shinfo(skb)->frags,
					     nr * sizeof(*frags)), 0);
	}
}

/* 1 and 2: a linear skb. */
static const struct knits_nat_test_param knits_nat_test_linear_params[] = {
	{ .name = "ipv4", .family = AF_INET, .paylen = KNITS_NAT_TEST_SHORT },
	{ .name = "ipv6", .family = AF_INET6, .paylen = KNITS_NAT_TEST_SHORT },
};

KUNIT_ARRAY_PARAM(knits_nat_test_linear, knits_nat_test_linear_params,
		  knits_nat_test_desc);

static void knits_nat_test_linear(struct kunit *test)
{
	knits_nat_test_run(test);
}

/* 3: headers in the head, the payload in page frags. */
static const struct knits_nat_test_param knits_nat_test_paged_params[] = {
	{ .name = "ipv4", .family = AF_INET,
	  .tcp_head = KNITS_NAT_TEST_TCPHLEN, .paylen = KNITS_NAT_TEST_LONG },
	{ .name = "ipv4 with ip options", .family = AF_INET, .ip_opts = true,
	  .tcp_head = KNITS_NAT_TEST_TCPHLEN, .paylen = KNITS_NAT_TEST_LONG },
	{ .name = "ipv6", .family = AF_INET6,
	  .tcp_head = KNITS_NAT_TEST_TCPHLEN, .paylen = KNITS_NAT_TEST_LONG },
};

KUNIT_ARRAY_PARAM(knits_nat_test_paged, knits_nat_test_paged_params,
		  knits_nat_test_desc);

static void knits_nat_test_paged(struct kunit *test)
{
	knits_nat_test_run(test);
}

/* 4: CHECKSUM_PARTIAL, as from veth or a GSO packet. */
static const struct knits_nat_test_param knits_nat_test_partial_params[] = {
	{ .name = "ipv4 linear", .family = AF_INET,
	  .ip_summed = CHECKSUM_PARTIAL, .paylen = KNITS_NAT_TEST_SHORT },
	{ .name = "ipv6 linear", .family = AF_INET6,
	  .ip_summed = CHECKSUM_PARTIAL, .paylen = KNITS_NAT_TEST_SHORT },
	{ .name = "ipv4 paged", .family = AF_INET,
	  .ip_summed = CHECKSUM_PARTIAL, .tcp_head = KNITS_NAT_TEST_TCPHLEN,
	  .paylen = KNITS_NAT_TEST_LONG },
	{ .name = "ipv6 paged", .family = AF_INET6,
	  .ip_summed = CHECKSUM_PARTIAL, .tcp_head = KNITS_NAT_TEST_TCPHLEN,
	  .paylen = KNITS_NAT_TEST_LONG },
};

KUNIT_ARRAY_PARAM(knits_nat_test_partial, knits_nat_test_partial_params,
		  knits_nat_test_desc);

static void knits_nat_test_partial_csum(struct kunit *test)
{
	knits_nat_test_run(test);
}

/* 5: CHECKSUM_COMPLETE, skb->csum from the network header on. */
static const struct knits_nat_test_param knits_nat_test_complete_params[] = {
	{ .name = "ipv4 linear", .family = AF_INET,
	  .ip_summed = CHECKSUM_COMPLETE, .paylen = KNITS_NAT_TEST_SHORT },
	{ .name = "ipv6 linear", .family = AF_INET6,
	  .ip_summed = CHECKSUM_COMPLETE, .paylen = KNITS_NAT_TEST_SHORT },
	{ .name = "ipv4 paged", .family = AF_INET,
	  .ip_summed = CHECKSUM_COMPLETE, .tcp_head = KNITS_NAT_TEST_TCPHLEN,
	  .paylen = KNITS_NAT_TEST_LONG },
	{ .name = "ipv6 paged", .family = AF_INET6,
	  .ip_summed = CHECKSUM_COMPLETE, .tcp_head = KNITS_NAT_TEST_TCPHLEN,
	  .paylen = KNITS_NAT_TEST_LONG },
};

KUNIT_ARRAY_PARAM(knits_nat_test_complete, knits_nat_test_complete_params,
		  knits_nat_test_desc);

static void knits_nat_test_complete_csum(struct kunit *test)
{
	knits_nat_test_run(test);
}

/*
 * 7: the head ends inside the TCP checksum field (TCP header byte 17) and
 * has no tailroom, so skb_ensure_writable() must pull into a new head.
 * (CHECKSUM_PARTIAL needs the checksum field in the head: not this shape.)
 */
static const struct knits_nat_test_param knits_nat_test_split_params[] = {
	{ .name = "ipv4 with ip options", .family = AF_INET, .ip_opts = true,
	  .tcp_head = 17, .tight = true, .paylen = KNITS_NAT_TEST_LONG },
	{ .name = "ipv6", .family = AF_INET6,
	  .tcp_head = 17, .tight = true, .paylen = KNITS_NAT_TEST_LONG },
	{ .name = "ipv4 complete", .family = AF_INET,
	  .ip_summed = CHECKSUM_COMPLETE, .tcp_head = 17, .tight = true,
	  .paylen = KNITS_NAT_TEST_LONG },
	{ .name = "ipv6 complete", .family = AF_INET6,
	  .ip_summed = CHECKSUM_COMPLETE, .tcp_head = 17, .tight = true,
	  .paylen = KNITS_NAT_TEST_LONG },
};

KUNIT_ARRAY_PARAM(knits_nat_test_split, knits_nat_test_split_params,
		  knits_nat_test_desc);

static void knits_nat_test_split_header(struct kunit *test)
{
	knits_nat_test_run(test);
}

/* 6: a clone shares the data; rewriting either leaves the other alone. */
static const struct knits_nat_test_param knits_nat_test_clone_params[] = {
	{ .name = "ipv4 linear", .family = AF_INET,
	  .paylen = KNITS_NAT_TEST_SHORT },
	{ .name = "ipv6 paged complete", .family = AF_INET6,
	  .ip_summed = CHECKSUM_COMPLETE, .tcp_head = KNITS_NAT_TEST_TCPHLEN,
	  .paylen = KNITS_NAT_TEST_LONG },
	{ .name = "ipv4 paged partial", .family = AF_INET,
	  .ip_summed = CHECKSUM_PARTIAL, .tcp_head = KNITS_NAT_TEST_TCPHLEN,
	  .paylen = KNITS_NAT_TEST_LONG },
};

KUNIT_ARRAY_PARAM(knits_nat_test_clone, knits_nat_test_clone_params,
		  knits_nat_test_desc);

static void knits_nat_test_clone(struct kunit *test)
{
	const struct knits_nat_test_param *param = test->param_value;
	const struct knits_nat_test_flow *flow =
		knits_nat_test_flow(param->family);
	struct knits_test_pkt *pkt, *want_clone, *want_orig;
	struct sk_buff *skb, *clone;
	unsigned int i;

	pkt = knits_nat_test_make(test, param->family, param->ip_opts,
				  &flow->client, &flow->service,
				  param->paylen);
	skb = knits_nat_test_skb(test, pkt, param);
	clone = knits_test_track(test, skb_clone(skb, GFP_KERNEL));
	KUNIT_ASSERT_TRUE(test, skb_cloned(clone));
	KUNIT_ASSERT_PTR_EQ(test, clone->head, skb->head);

	want_clone = knits_test_dup(test, pkt);
	knits_nat_test_step(test, clone, want_clone, KNITS_NAT_DST,
			    &flow->member);
	knits_test_check(test, clone, want_clone, param->ip_summed);
	KUNIT_EXPECT_PTR_NE(test, clone->head, skb->head);
	knits_test_check(test, skb, pkt, param->ip_summed);

	want_orig = knits_test_dup(test, pkt);
	knits_nat_test_step(test, skb, want_orig, KNITS_NAT_SRC,
			    &flow->gateway);
	knits_test_check(test, skb, want_orig, param->ip_summed);
	knits_test_check(test, clone, want_clone, param->ip_summed);

	/* the payload is still shared, never copied */
	KUNIT_ASSERT_EQ(test, skb_shinfo(clone)->nr_frags,
			skb_shinfo(skb)->nr_frags);
	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++)
		KUNIT_EXPECT_PTR_EQ(test,
				    skb_frag_page(&skb_shinfo(clone)->frags[i]),
				    skb_frag_page(&skb_shinfo(skb)->frags[i]));
}

/*
 * GSO: a CHECKSUM_PARTIAL super-packet is rewritten, then cut by the
 * kernel's GSO for a device without checksum offload, which derives each
 * segment's checksum from the pseudo-header sum the rewrite left.
 */
static const struct knits_nat_test_param knits_nat_test_gso_params[] = {
	{ .name = "ipv4", .family = AF_INET, .ip_summed = CHECKSUM_PARTIAL,
	  .tcp_head = KNITS_NAT_TEST_TCPHLEN, .paylen = KNITS_NAT_TEST_LONG },
	{ .name = "ipv6", .family = AF_INET6, .ip_summed = CHECKSUM_PARTIAL,
	  .tcp_head = KNITS_NAT_TEST_TCPHLEN, .paylen = KNITS_NAT_TEST_LONG },
};

KUNIT_ARRAY_PARAM(knits_nat_test_gso, knits_nat_test_gso_params,
		  knits_nat_test_desc);

static void knits_nat_test_gso(struct kunit *test)
{
	const struct knits_nat_test_param *param = test->param_value;
	const struct knits_nat_test_flow *flow =
		knits_nat_test_flow(param->family);
	unsigned int hlen, i, n, off = 0, nsegs = 0;
	struct sk_buff *skb, *segs, *seg, *next, *list[4];
	struct knits_test_pkt *pkt, *want;
	u8 *got;

	pkt = knits_nat_test_make(test, param->family, param->ip_opts,
				  &flow->client, &flow->service,
				  param->paylen);
	hlen = pkt->thoff + KNITS_NAT_TEST_TCPHLEN;
	skb = knits_nat_test_skb(test, pkt, param);
	skb_shinfo(skb)->gso_size = KNITS_NAT_TEST_MSS;
	skb_shinfo(skb)->gso_segs = DIV_ROUND_UP(param->paylen,
						 KNITS_NAT_TEST_MSS);
	skb_shinfo(skb)->gso_type = param->family == AF_INET ? SKB_GSO_TCPV4 :
							       SKB_GSO_TCPV6;

	want = knits_test_dup(test, pkt);
	knits_nat_test_step(test, skb, want, KNITS_NAT_DST, &flow->member);
	knits_nat_test_step(test, skb, want, KNITS_NAT_SRC, &flow->gateway);
	knits_test_expect_pkt(test, knits_test_bytes(test, skb),
			      knits_test_partial(test, want));

	segs = skb_gso_segment(skb, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, segs);
	skb_list_walk_safe(segs, seg, next) {
		skb_mark_not_on_list(seg);
		if (nsegs < ARRAY_SIZE(list))
			list[nsegs] = seg;
		nsegs++;
		knits_test_track(test, seg);
	}
	KUNIT_ASSERT_EQ(test, nsegs, DIV_ROUND_UP(param->paylen,
						  KNITS_NAT_TEST_MSS));
	for (i = 0; i < nsegs; i++) {
		seg = list[i];
		KUNIT_ASSERT_EQ(test, skb_network_offset(seg), 0);
		n = min_t(unsigned int, param->paylen - off,
			  KNITS_NAT_TEST_MSS);
		KUNIT_ASSERT_EQ(test, seg->len, hlen + n);
		KUNIT_EXPECT_EQ(test, (u8)seg->ip_summed, CHECKSUM_NONE);
		got = knits_test_bytes(test, seg);
		knits_nat_test_expect_ends(test, got, want);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(got + hlen,
						 want->b + hlen + off, n),
				    0, "payload of segment %u", i);
		if (param->family == AF_INET)
			KUNIT_EXPECT_EQ(test,
					(__force u16)ip_fast_csum(seg->data,
						ip_hdr(seg)->ihl), 0);
		KUNIT_EXPECT_EQ_MSG(test, knits_test_verify(seg, param->family,
							    pkt->thoff),
				    0, "TCP checksum of segment %u", i);
		off += n;
	}
	KUNIT_EXPECT_EQ(test, off, param->paylen);
}

/* Too short for a TCP header: -ENOMEM, and the packet is left alone. */
static const struct knits_nat_test_param knits_nat_test_short_params[] = {
	{ .name = "ipv4", .family = AF_INET },
	{ .name = "ipv6", .family = AF_INET6 },
};

KUNIT_ARRAY_PARAM(knits_nat_test_short, knits_nat_test_short_params,
		  knits_nat_test_desc);

static void knits_nat_test_short(struct kunit *test)
{
	const struct knits_nat_test_param *param = test->param_value;
	const struct knits_nat_test_flow *flow =
		knits_nat_test_flow(param->family);
	union knits_addr addr = knits_nat_test_addr(param->family,
						    &flow->member);
	struct knits_test_pkt *pkt;
	struct sk_buff *skb;
	u8 *got;

	pkt = knits_nat_test_make(test, param->family, false, &flow->client,
				  &flow->service, 0);
	skb = knits_nat_test_skb(test, pkt, param);
	skb_trim(skb, pkt->thoff + sizeof(struct tcphdr) - 1);
	KUNIT_EXPECT_EQ(test, knits_nat_rewrite(skb, param->family,
						pkt->thoff, KNITS_NAT_DST,
						&addr, htons(flow->member.port)),
			-ENOMEM);
	KUNIT_ASSERT_EQ(test, skb->len,
			pkt->thoff + (unsigned int)sizeof(struct tcphdr) - 1);
	got = knits_test_bytes(test, skb);
	KUNIT_EXPECT_EQ(test, memcmp(got, pkt->b, skb->len), 0);
}

/*
 * Which checksums a carry case forces to 0, the value a fresh computation
 * gives where an incremental update could leave -0 (0xffff) instead.
 */
enum knits_nat_test_zero {
	KNITS_NAT_TEST_ZERO_NONE,
	/* the TCP and IPv4 header checksums are 0 before the rewrite */
	KNITS_NAT_TEST_ZERO_BEFORE,
	/* ... after it */
	KNITS_NAT_TEST_ZERO_AFTER,
};

/* Rewriting @end of a client's packet to a service from @from to @to. */
struct knits_nat_test_carry {
	const char *name;
	u8 family;
	enum knits_nat_end end;
	struct knits_nat_test_end from;
	struct knits_nat_test_end to;
	enum knits_nat_test_zero zero;
};

/* All-ones and all-zero words, where one's complement sums carry around. */
static const struct knits_nat_test_carry knits_nat_test_carries[] = {
	{ "ipv4 dst 198.51.100.1:80 to 255.255.255.255:65535",
	  AF_INET, KNITS_NAT_DST,
	  { { 0xc6336401 }, 80 }, { { 0xffffffff }, 0xffff } },
	{ "ipv4 src 255.255.255.255:65535 to 0.0.0.1:1",
	  AF_INET, KNITS_NAT_SRC,
	  { { 0xffffffff }, 0xffff }, { { 0x00000001 }, 0x0001 } },
	{ "ipv4 dst 0.0.0.1:1 to 255.255.255.255:65535, sums 0 before",
	  AF_INET, KNITS_NAT_DST,
	  { { 0x00000001 }, 0x0001 }, { { 0xffffffff }, 0xffff },
	  KNITS_NAT_TEST_ZERO_BEFORE },
	{ "ipv4 src 255.255.255.254:65534 to 0.0.0.0:0, sums 0 after",
	  AF_INET, KNITS_NAT_SRC,
	  { { 0xfffffffe }, 0xfffe }, { { 0x00000000 }, 0x0000 },
	  KNITS_NAT_TEST_ZERO_AFTER },
	{ "ipv4 dst 0.0.255.255:255 to 255.255.0.0:65280, sums 0 after",
	  AF_INET, KNITS_NAT_DST,
	  { { 0x0000ffff }, 0x00ff }, { { 0xffff0000 }, 0xff00 },
	  KNITS_NAT_TEST_ZERO_AFTER },
	{ "ipv4 dst 198.51.100.1:80 to itself, sums 0",
	  AF_INET, KNITS_NAT_DST,
	  { { 0xc6336401 }, 80 }, { { 0xc6336401 }, 80 },
	  KNITS_NAT_TEST_ZERO_BEFORE },
	{ "ipv6 dst 2001:db8:0:1::1:80 to all-ones:65535",
	  AF_INET6, KNITS_NAT_DST,
	  { { 0x20010db8, 1, 0, 1 }, 80 },
	  { { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff }, 0xffff } },
	{ "ipv6 src all-ones:65535 to ::1:1, sums 0 before",
	  AF_INET6, KNITS_NAT_SRC,
	  { { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff }, 0xffff },
	  { { 0, 0, 0, 1 }, 0x0001 }, KNITS_NAT_TEST_ZERO_BEFORE },
	{ "ipv6 dst :::0 to all-ones:65535, sums 0 after",
	  AF_INET6, KNITS_NAT_DST,
	  { { 0, 0, 0, 0 }, 0x0000 },
	  { { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff }, 0xffff },
	  KNITS_NAT_TEST_ZERO_AFTER },
	{ "ipv6 src ffff::fffe:65534 to :::0, sums 0 after",
	  AF_INET6, KNITS_NAT_SRC,
	  { { 0xffff0000, 0, 0, 0xfffe }, 0xfffe }, { { 0, 0, 0, 0 }, 0 },
	  KNITS_NAT_TEST_ZERO_AFTER },
};

static const u8 knits_nat_test_modes[] = {
	CHECKSUM_NONE, CHECKSUM_COMPLETE, CHECKSUM_PARTIAL,
};

static const char *const knits_nat_test_mode_names[] = {
	"none", "complete", "partial",
};

#define KNITS_NAT_TEST_NMODES	ARRAY_SIZE(knits_nat_test_modes)

/* One parameter per carry case and mode: a slot's index names both. */
static const u8
knits_nat_test_carry_slots[ARRAY_SIZE(knits_nat_test_carries) *
			   KNITS_NAT_TEST_NMODES];

static const void *knits_nat_test_carry_gen_params(const void *prev,
						   char *desc)
{
	const u8 *slot = prev ? (const u8 *)prev + 1 :
				knits_nat_test_carry_slots;
	unsigned int k = slot - knits_nat_test_carry_slots;

	if (k >= ARRAY_SIZE(knits_nat_test_carry_slots))
		return NULL;
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s, %s",
		 knits_nat_test_carries[k / KNITS_NAT_TEST_NMODES].name,
		 knits_nat_test_mode_names[k % KNITS_NAT_TEST_NMODES]);
	return slot;
}

static void knits_nat_test_carry(struct kunit *test)
{
	const u8 *slot = test->param_value;
	unsigned int k = slot - knits_nat_test_carry_slots;
	const struct knits_nat_test_carry *c =
		&knits_nat_test_carries[k / KNITS_NAT_TEST_NMODES];
	const struct knits_nat_test_flow *flow = knits_nat_test_flow(c->family);
	const struct knits_nat_test_param shape = {
		.family = c->family,
		.ip_summed = knits_nat_test_modes[k % KNITS_NAT_TEST_NMODES],
	};
	struct knits_test_pkt *pkt, *want;
	union knits_addr addr = knits_nat_test_addr(c->family, &c->to);
	struct sk_buff *skb;

	pkt = knits_nat_test_make(test, c->family, false,
				  c->end == KNITS_NAT_SRC ? &c->from :
							    &flow->client,
				  c->end == KNITS_NAT_DST ? &c->from :
							    &flow->service,
				  KNITS_NAT_TEST_SHORT);
	want = knits_test_dup(test, pkt);
	knits_nat_test_set(want, c->end, &c->to);
	knits_test_fill(want);
	if (c->zero == KNITS_NAT_TEST_ZERO_BEFORE)
		knits_test_zero(test, pkt, want);
	else if (c->zero == KNITS_NAT_TEST_ZERO_AFTER)
		knits_test_zero(test, want, pkt);

	skb = knits_nat_test_skb(test, pkt, &shape);
	knits_test_check(test, skb, pkt, shape.ip_summed);
	KUNIT_ASSERT_EQ(test, knits_nat_rewrite(skb, c->family, pkt->thoff,
						c->end, &addr,
						htons(c->to.port)),
			0);
	knits_test_check(test, skb, want, shape.ip_summed);
}

static struct kunit_case knits_nat_test_cases[] = {
	KUNIT_CASE_PARAM(knits_nat_test_linear,
			 knits_nat_test_linear_gen_params),
	KUNIT_CASE_PARAM(knits_nat_test_paged, knits_nat_test_paged_gen_params),
	KUNIT_CASE_PARAM(knits_nat_test_partial_csum,
			 knits_nat_test_partial_gen_params),
	KUNIT_CASE_PARAM(knits_nat_test_complete_csum,
			 knits_nat_test_complete_gen_params),
	KUNIT_CASE_PARAM(knits_nat_test_clone, knits_nat_test_clone_gen_params),
	KUNIT_CASE_PARAM(knits_nat_test_split_header,
			 knits_nat_test_split_gen_params),
	KUNIT_CASE_PARAM(knits_nat_test_gso, knits_nat_test_gso_gen_params),
	KUNIT_CASE_PARAM(knits_nat_test_short, knits_nat_test_short_gen_params),
	KUNIT_CASE_PARAM(knits_nat_test_carry, knits_nat_test_carry_gen_params),
	{}
};

static struct kunit_suite knits_nat_test_suite = {
	.name = "knits_nat",
	.test_cases = knits_nat_test_cases,
};

kunit_test_suite(knits_nat_test_suite);

MODULE_LICENSE("Dual MIT/GPL");
