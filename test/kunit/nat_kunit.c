// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 *
 * KUnit suite for knits_nat_rewrite() (kmod/nat.c) on real skbs of every
 * shape the gateway receives: linear, paged, cloned, with the TCP header
 * split between the head and a frag, GSO, and CHECKSUM_NONE, _PARTIAL and
 * _COMPLETE. Nothing is trusted to the incremental updates: the expected
 * packet is rebuilt flat with the new address and port and its checksums
 * are computed from scratch (ip_fast_csum(), csum_partial() and the
 * pseudo-header); the skb must hold exactly those bytes, and the kernel's
 * own consumers (skb_checksum() over the frags, the receive path's
 * CHECKSUM_COMPLETE checks, skb_checksum_help(), GSO) must accept it.
 *
 * CHECKSUM_COMPLETE at PRE_ROUTING: the device reports the sum of the
 * packet netif_rx() sees, and the stack keeps skb->csum the sum of the bytes
 * from skb->data to the end (skb_postpull_rcsum(), pskb_trim_rcsum()). At
 * PRE_ROUTING skb->data is the network header, so skb->csum covers it:
 * ip_rcv_core() and ip6_rcv_core() only trim the packet to its length.
 * netfilter relies on that: nf_ip_checksum() adds skb->csum to the
 * pseudo-header as it is, a valid IPv4 header summing to -0, and
 * nf_ip6_checksum() subtracts the IPv6 header's sum first. So does the
 * stack on delivery: ip_local_deliver_finish() pulls the IPv4 header
 * without touching skb->csum, ip6_protocol_deliver_rcu() pulls the IPv6
 * one with skb_postpull_rcsum(), and tcp_v4_rcv()/tcp_v6_rcv() accept the
 * packet in skb_checksum_init() when the pseudo-header plus skb->csum folds
 * to 0. After a rewrite skb->csum must therefore still be the sum of the
 * packet from its network header: for an IPv4 address the address and the
 * header checksum cancel and the TCP checksum's change moves the sum, for
 * an IPv6 address and for a port the field and the TCP checksum cancel.
 */

#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/mm.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <linux/tcp.h>
#include <net/checksum.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#include "nat.h"

#define KNITS_NAT_TEST_HEADROOM	64
/* a TCP header with NOP, NOP and timestamps */
#define KNITS_NAT_TEST_TCPHLEN	32
/* one word of NOPs after the IPv4 header, when asked for */
#define KNITS_NAT_TEST_IPOPTLEN	4
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

/* A packet laid out flat, from its network header on. */
struct knits_nat_test_pkt {
	u8 family;
	unsigned int thoff;
	unsigned int len;
	u8 *b;
};

static struct tcphdr *knits_nat_test_th(const struct knits_nat_test_pkt *p)
{
	return (struct tcphdr *)(p->b + p->thoff);
}

/*
 * The checksum of a TCP segment of @tcplen bytes summing to @sum, behind
 * the network header @nh.
 */
static __sum16 knits_nat_test_magic(u8 family, const void *nh,
				    unsigned int tcplen, __wsum sum)
{
	if (family == AF_INET) {
		const struct iphdr *iph = nh;

		return csum_tcpudp_magic(iph->saddr, iph->daddr, tcplen,
					 IPPROTO_TCP, sum);
	} else {
		const struct ipv6hdr *ip6h = nh;

		return csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, tcplen,
				       IPPROTO_TCP, sum);
	}
}

/*
 * What CHECKSUM_PARTIAL leaves in th->check: the pseudo-header's sum, as
 * __tcp_v4_send_check() and __tcp_v6_send_check() put it there.
 */
static __sum16 knits_nat_test_pseudo(u8 family, const void *nh,
				     unsigned int tcplen)
{
	return ~knits_nat_test_magic(family, nh, tcplen, 0);
}

/* Computes @p's checksums from scratch. */
static void knits_nat_test_fill(struct knits_nat_test_pkt *p)
{
	struct tcphdr *th = knits_nat_test_th(p);
	unsigned int tcplen = p->len - p->thoff;

	if (p->family == AF_INET) {
		struct iphdr *iph = (struct iphdr *)p->b;

		iph->check = 0;
		iph->check = ip_fast_csum(iph, iph->ihl);
	}
	th->check = 0;
	th->check = knits_nat_test_magic(p->family, p->b, tcplen,
					 csum_partial(th, tcplen, 0));
}

/* Sets the @end address and port of @p, leaving its checksums alone. */
static void knits_nat_test_set(struct knits_nat_test_pkt *p,
			       enum knits_nat_end end,
			       const struct knits_nat_test_end *e)
{
	union knits_addr addr = knits_nat_test_addr(p->family, e);
	struct tcphdr *th = knits_nat_test_th(p);

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

/* A TCP packet from @src to @dst with @paylen bytes of payload. */
static struct knits_nat_test_pkt *
knits_nat_test_make(struct kunit *test, u8 family, bool ip_opts,
		    const struct knits_nat_test_end *src,
		    const struct knits_nat_test_end *dst, unsigned int paylen)
{
	/* NOP, NOP, timestamps 0x1234 and 0x5678 */
	static const u8 tcp_opts[] = { 1, 1, 8, 10, 0, 0, 0x12, 0x34,
				       0, 0, 0x56, 0x78 };
	struct knits_nat_test_pkt *p;
	struct tcphdr *th;
	unsigned int i;
	u8 *payload;

	p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	p->family = family;
	if (family == AF_INET)
		p->thoff = sizeof(struct iphdr) +
			   (ip_opts ? KNITS_NAT_TEST_IPOPTLEN : 0);
	else
		p->thoff = sizeof(struct ipv6hdr);
	p->len = p->thoff + KNITS_NAT_TEST_TCPHLEN + paylen;
	p->b = kunit_kzalloc(test, p->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p->b);

	if (family == AF_INET) {
		struct iphdr *iph = (struct iphdr *)p->b;

		iph->version = 4;
		iph->ihl = p->thoff / 4;
		iph->tot_len = htons(p->len);
		iph->id = htons(0x1234);
		iph->frag_off = htons(IP_DF);
		iph->ttl = 64;
		iph->protocol = IPPROTO_TCP;
		memset(iph + 1, IPOPT_NOOP, p->thoff - sizeof(*iph));
	} else {
		struct ipv6hdr *ip6h = (struct ipv6hdr *)p->b;

		ip6h->version = 6;
		ip6h->payload_len = htons(p->len - p->thoff);
		ip6h->nexthdr = IPPROTO_TCP;
		ip6h->hop_limit = 64;
	}
	th = knits_nat_test_th(p);
	th->seq = htonl(0x01020304);
	th->ack_seq = htonl(0xa0b0c0d0);
	th->doff = KNITS_NAT_TEST_TCPHLEN / 4;
	th->ack = 1;
	th->psh = 1;
	th->window = htons(0xfaf0);
	memcpy(th + 1, tcp_opts, sizeof(tcp_opts));
	payload = p->b + p->thoff + KNITS_NAT_TEST_TCPHLEN;
	for (i = 0; i < paylen; i++)
		payload[i] = i * 31 + 7;
	knits_nat_test_set(p, KNITS_NAT_SRC, src);
	knits_nat_test_set(p, KNITS_NAT_DST, dst);
	knits_nat_test_fill(p);
	return p;
}

static struct knits_nat_test_pkt *
knits_nat_test_dup(struct kunit *test, const struct knits_nat_test_pkt *p)
{
	struct knits_nat_test_pkt *q = kunit_kmalloc(test, sizeof(*q),
						     GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, q);
	*q = *p;
	q->b = kunit_kmalloc(test, p->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, q->b);
	memcpy(q->b, p->b, p->len);
	return q;
}

/* @p as CHECKSUM_PARTIAL carries it. */
static struct knits_nat_test_pkt *
knits_nat_test_partial(struct kunit *test, const struct knits_nat_test_pkt *p)
{
	struct knits_nat_test_pkt *q = knits_nat_test_dup(test, p);

	knits_nat_test_th(q)->check =
		knits_nat_test_pseudo(q->family, q->b, q->len - q->thoff);
	return q;
}

static void knits_nat_test_free_skb(struct kunit_resource *res)
{
	kfree_skb(res->data);
}

/* Frees @skb when the test ends, however it ends. */
static struct sk_buff *knits_nat_test_track(struct kunit *test,
					    struct sk_buff *skb)
{
	void *res;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	res = kunit_alloc_resource(test, NULL, knits_nat_test_free_skb,
				   GFP_KERNEL, skb);
	if (!res)
		kfree_skb(skb);
	KUNIT_ASSERT_NOT_NULL(test, res);
	return skb;
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

/*
 * @p in an skb shaped as @param says, with skb->data at the network header
 * as at PRE_ROUTING. Frags begin at odd lengths and page offsets.
 */
static struct sk_buff *
knits_nat_test_skb(struct kunit *test, const struct knits_nat_test_pkt *p,
		   const struct knits_nat_test_param *param)
{
	unsigned int headlen = param->tcp_head ? p->thoff + param->tcp_head :
						 p->len;
	unsigned int i, n, off;
	struct sk_buff *skb;

	skb = knits_nat_test_track(test,
				   alloc_skb(KNITS_NAT_TEST_HEADROOM + headlen,
					     GFP_KERNEL));
	skb_reserve(skb, param->tight ? skb_tailroom(skb) - headlen :
					KNITS_NAT_TEST_HEADROOM);
	skb_put_data(skb, p->b, headlen);
	for (i = 0, off = headlen; off < p->len; i++, off += n) {
		unsigned int pgoff = i ? 0 : 1;
		struct page *page = alloc_page(GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, page);
		n = p->len - off;
		if (!i && n > 1)
			n = (n / 2) | 1;
		memcpy(page_address(page) + pgoff, p->b + off, n);
		skb_add_rx_frag(skb, i, page, pgoff, n, PAGE_SIZE);
	}
	skb->protocol = htons(p->family == AF_INET ? ETH_P_IP : ETH_P_IPV6);
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, p->thoff);

	if (param->ip_summed == CHECKSUM_PARTIAL) {
		struct tcphdr *th = (struct tcphdr *)(skb->data + p->thoff);

		th->check = knits_nat_test_pseudo(p->family, skb->data,
						  p->len - p->thoff);
		KUNIT_ASSERT_TRUE(test,
				  skb_partial_csum_set(skb, p->thoff,
						       offsetof(struct tcphdr,
								check)));
	} else if (param->ip_summed == CHECKSUM_COMPLETE) {
		skb->ip_summed = CHECKSUM_COMPLETE;
		skb->csum = skb_checksum(skb, 0, skb->len, 0);
	}
	return skb;
}

/* @skb's bytes from its network header on. */
static u8 *knits_nat_test_bytes(struct kunit *test, const struct sk_buff *skb)
{
	u8 *b = kunit_kmalloc(test, skb->len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, skb_network_offset(skb), 0);
	KUNIT_ASSERT_EQ(test, skb_copy_bits(skb, 0, b, skb->len), 0);
	return b;
}

/* The addresses and ports of the packet @got must be @want's. */
static void knits_nat_test_expect_ends(struct kunit *test, const u8 *got,
				       const struct knits_nat_test_pkt *want)
{
	const struct tcphdr *gth = (const struct tcphdr *)(got + want->thoff);
	const struct tcphdr *wth = knits_nat_test_th(want);

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

/* The packet @got must be @want, checksums and payload included. */
static void knits_nat_test_expect_pkt(struct kunit *test, const u8 *got,
				      const struct knits_nat_test_pkt *want)
{
	const struct tcphdr *gth = (const struct tcphdr *)(got + want->thoff);
	const struct tcphdr *wth = knits_nat_test_th(want);
	unsigned int i;

	knits_nat_test_expect_ends(test, got, want);
	if (want->family == AF_INET) {
		const struct iphdr *g = (const struct iphdr *)got;
		const struct iphdr *w = (const struct iphdr *)want->b;

		KUNIT_EXPECT_EQ_MSG(test, (__force u16)g->check,
				    (__force u16)w->check,
				    "IPv4 header checksum %#06x, want %#06x",
				    ntohs((__force __be16)g->check),
				    ntohs((__force __be16)w->check));
	}
	KUNIT_EXPECT_EQ_MSG(test, (__force u16)gth->check,
			    (__force u16)wth->check,
			    "TCP checksum %#06x, want %#06x",
			    ntohs((__force __be16)gth->check),
			    ntohs((__force __be16)wth->check));
	for (i = 0; i < want->len; i++) {
		if (got[i] != want->b[i]) {
			KUNIT_FAIL(test, "byte %u of %u is %#04x, want %#04x",
				   i, want->len, got[i], want->b[i]);
			break;
		}
	}
}

/* The TCP checksum verified over @skb's own bytes: 0 when it is right. */
static u16 knits_nat_test_verify(const struct sk_buff *skb, u8 family,
				 unsigned int thoff)
{
	unsigned int tcplen = skb->len - thoff;

	return (__force u16)knits_nat_test_magic(family, skb->data, tcplen,
				skb_checksum(skb, thoff, tcplen, 0));
}

/* @sum folded to 16 bits, -0 (0xffff) and +0 alike. */
static u16 knits_nat_test_fold(__wsum sum)
{
	u16 folded = ~(__force u16)csum_fold(sum);

	return folded == 0xffff ? 0 : folded;
}

/*
 * skb->csum must be the sum of @skb from its network header, and the
 * checks netfilter and TCP make with it on receive must pass without
 * falling back to summing the packet in software.
 */
static void knits_nat_test_check_complete(struct kunit *test,
					  struct sk_buff *skb, u8 family,
					  unsigned int thoff)
{
	unsigned int tcplen = skb->len - thoff;
	struct sk_buff *copy;
	__wsum sum;
	u16 ret;

	KUNIT_EXPECT_EQ_MSG(test, knits_nat_test_fold(skb->csum),
			    knits_nat_test_fold(skb_checksum(skb, 0, skb->len,
							     0)),
			    "skb->csum is not the sum of the packet");

	/* nf_ip_checksum() and nf_ip6_checksum() at PRE_ROUTING */
	sum = skb->csum;
	if (family == AF_INET6)
		sum = csum_sub(sum, skb_checksum(skb, 0, thoff, 0));
	KUNIT_EXPECT_EQ_MSG(test,
			    (__force u16)knits_nat_test_magic(family, skb->data,
							      tcplen, sum),
			    0, "netfilter would not take skb->csum");

	/* tcp_v4_rcv() and tcp_v6_rcv(), the network header pulled */
	copy = knits_nat_test_track(test, pskb_copy(skb, GFP_KERNEL));
	KUNIT_ASSERT_NOT_NULL(test, pskb_pull(copy, thoff));
	skb_reset_transport_header(copy);
	if (family == AF_INET) {
		ret = (__force u16)skb_checksum_init(copy, IPPROTO_TCP,
						     inet_compute_pseudo);
	} else {
		skb_postpull_rcsum(copy, skb_network_header(copy), thoff);
		ret = (__force u16)skb_checksum_init(copy, IPPROTO_TCP,
						     ip6_compute_pseudo);
	}
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_TRUE_MSG(test, copy->csum_valid,
			      "TCP would not take skb->csum");
}

/*
 * Completing the checksum of the CHECKSUM_PARTIAL @skb as a device without
 * checksum offload would (skb_checksum_help()) must give @want.
 */
static void knits_nat_test_complete_partial(struct kunit *test,
					    struct sk_buff *skb,
					    const struct knits_nat_test_pkt *want)
{
	struct knits_nat_test_pkt *full = knits_nat_test_dup(test, want);
	struct sk_buff *copy;

	KUNIT_EXPECT_EQ(test, skb_checksum_start_offset(skb), (int)want->thoff);
	KUNIT_EXPECT_EQ(test, skb->csum_offset,
			(u16)offsetof(struct tcphdr, check));
	copy = knits_nat_test_track(test, pskb_copy(skb, GFP_KERNEL));
	KUNIT_ASSERT_EQ(test, skb_checksum_help(copy), 0);
	KUNIT_EXPECT_EQ(test, (u8)copy->ip_summed, CHECKSUM_NONE);
	/* it writes a checksum of 0 as CSUM_MANGLED_0, the same sum */
	if (!knits_nat_test_th(full)->check)
		knits_nat_test_th(full)->check = CSUM_MANGLED_0;
	knits_nat_test_expect_pkt(test, knits_nat_test_bytes(test, copy), full);
	KUNIT_EXPECT_EQ(test, knits_nat_test_verify(copy, want->family,
						    want->thoff), 0);
}

/*
 * @skb must hold exactly @want, whose checksums are complete (or, for
 * CHECKSUM_PARTIAL, its pseudo-header sum in th->check), with ip_summed
 * still @ip_summed, and its checksums must verify.
 */
static void knits_nat_test_check(struct kunit *test, struct sk_buff *skb,
				 const struct knits_nat_test_pkt *want,
				 u8 ip_summed)
{
	const struct knits_nat_test_pkt *exp = want;

	KUNIT_ASSERT_EQ(test, skb->len, want->len);
	KUNIT_EXPECT_EQ(test, (u8)skb->ip_summed, ip_summed);
	if (ip_summed == CHECKSUM_PARTIAL)
		exp = knits_nat_test_partial(test, want);
	knits_nat_test_expect_pkt(test, knits_nat_test_bytes(test, skb), exp);
	if (want->family == AF_INET)
		KUNIT_EXPECT_EQ(test,
				(__force u16)ip_fast_csum(skb->data,
							  ip_hdr(skb)->ihl),
				0);
	switch (ip_summed) {
	case CHECKSUM_PARTIAL:
		knits_nat_test_complete_partial(test, skb, want);
		break;
	case CHECKSUM_COMPLETE:
		knits_nat_test_check_complete(test, skb, want->family,
					      want->thoff);
		fallthrough;
	default:
		KUNIT_EXPECT_EQ(test, knits_nat_test_verify(skb, want->family,
							    want->thoff), 0);
	}
}

/* Rewrites the @end of @skb to @e, and of @want (checksums recomputed). */
static void knits_nat_test_step(struct kunit *test, struct sk_buff *skb,
				struct knits_nat_test_pkt *want,
				enum knits_nat_end end,
				const struct knits_nat_test_end *e)
{
	union knits_addr addr = knits_nat_test_addr(want->family, e);

	knits_nat_test_set(want, end, e);
	knits_nat_test_fill(want);
	KUNIT_ASSERT_EQ(test, knits_nat_rewrite(skb, want->family, want->thoff,
						end, &addr, htons(e->port)),
			0);
}

/* A copy of @skb's frag descriptors. */
static skb_frag_t *knits_nat_test_frags(struct kunit *test,
					const struct sk_buff *skb)
{
	unsigned int n = skb_shinfo(skb)->nr_frags;
	skb_frag_t *frags = kunit_kcalloc(test, n + 1, sizeof(*frags),
					  GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, frags);
	memcpy(frags, skb_shinfo(skb)->frags, n * sizeof(*frags));
	return frags;
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
	struct knits_nat_test_pkt *pkt, *want;
	unsigned char *head;
	struct sk_buff *skb;
	skb_frag_t *frags;
	unsigned int nr;

	pkt = knits_nat_test_make(test, param->family, param->ip_opts,
				  &flow->client, &flow->service,
				  param->paylen);
	skb = knits_nat_test_skb(test, pkt, param);
	knits_nat_test_check(test, skb, pkt, param->ip_summed);
	head = skb->head;
	nr = skb_shinfo(skb)->nr_frags;
	frags = knits_nat_test_frags(test, skb);

	want = knits_nat_test_dup(test, pkt);
	knits_nat_test_step(test, skb, want, KNITS_NAT_DST, &flow->member);
	knits_nat_test_check(test, skb, want, param->ip_summed);
	if (param->tight) {
		/* the pull reallocated the head: nat.c re-fetched its headers */
		KUNIT_EXPECT_PTR_NE(test, skb->head, head);
		KUNIT_EXPECT_GE(test, skb_headlen(skb),
				want->thoff + sizeof(struct tcphdr));
	}

	knits_nat_test_step(test, skb, want, KNITS_NAT_SRC, &flow->gateway);
	knits_nat_test_check(test, skb, want, param->ip_summed);
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
	struct knits_nat_test_pkt *pkt, *want_clone, *want_orig;
	struct sk_buff *skb, *clone;
	unsigned int i;

	pkt = knits_nat_test_make(test, param->family, param->ip_opts,
				  &flow->client, &flow->service,
				  param->paylen);
	skb = knits_nat_test_skb(test, pkt, param);
	clone = knits_nat_test_track(test, skb_clone(skb, GFP_KERNEL));
	KUNIT_ASSERT_TRUE(test, skb_cloned(clone));
	KUNIT_ASSERT_PTR_EQ(test, clone->head, skb->head);

	want_clone = knits_nat_test_dup(test, pkt);
	knits_nat_test_step(test, clone, want_clone, KNITS_NAT_DST,
			    &flow->member);
	knits_nat_test_check(test, clone, want_clone, param->ip_summed);
	KUNIT_EXPECT_PTR_NE(test, clone->head, skb->head);
	knits_nat_test_check(test, skb, pkt, param->ip_summed);

	want_orig = knits_nat_test_dup(test, pkt);
	knits_nat_test_step(test, skb, want_orig, KNITS_NAT_SRC,
			    &flow->gateway);
	knits_nat_test_check(test, skb, want_orig, param->ip_summed);
	knits_nat_test_check(test, clone, want_clone, param->ip_summed);

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
	struct knits_nat_test_pkt *pkt, *want;
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

	want = knits_nat_test_dup(test, pkt);
	knits_nat_test_step(test, skb, want, KNITS_NAT_DST, &flow->member);
	knits_nat_test_step(test, skb, want, KNITS_NAT_SRC, &flow->gateway);
	knits_nat_test_expect_pkt(test, knits_nat_test_bytes(test, skb),
				  knits_nat_test_partial(test, want));

	segs = skb_gso_segment(skb, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, segs);
	skb_list_walk_safe(segs, seg, next) {
		skb_mark_not_on_list(seg);
		if (nsegs < ARRAY_SIZE(list))
			list[nsegs] = seg;
		nsegs++;
		knits_nat_test_track(test, seg);
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
		got = knits_nat_test_bytes(test, seg);
		knits_nat_test_expect_ends(test, got, want);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(got + hlen,
						 want->b + hlen + off, n),
				    0, "payload of segment %u", i);
		if (param->family == AF_INET)
			KUNIT_EXPECT_EQ(test,
					(__force u16)ip_fast_csum(seg->data,
						ip_hdr(seg)->ihl), 0);
		KUNIT_EXPECT_EQ_MSG(test, knits_nat_test_verify(seg,
						param->family, pkt->thoff),
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
	struct knits_nat_test_pkt *pkt;
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
	got = knits_nat_test_bytes(test, skb);
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

/*
 * Chooses the first payload word and the IPv4 ID so that @p's TCP and IPv4
 * header checksums are 0, and gives @other the same words: adding a
 * checksum to the sum it was computed from makes that sum -0.
 */
static void knits_nat_test_zero(struct kunit *test,
				struct knits_nat_test_pkt *p,
				struct knits_nat_test_pkt *other)
{
	unsigned int word = p->thoff + KNITS_NAT_TEST_TCPHLEN;
	struct iphdr *iph = (struct iphdr *)p->b;
	__sum16 check;

	memset(p->b + word, 0, sizeof(check));
	if (p->family == AF_INET)
		iph->id = 0;
	knits_nat_test_fill(p);
	check = knits_nat_test_th(p)->check;
	memcpy(p->b + word, &check, sizeof(check));
	if (p->family == AF_INET)
		memcpy(&iph->id, &iph->check, sizeof(iph->id));
	knits_nat_test_fill(p);
	KUNIT_ASSERT_EQ(test, (__force u16)knits_nat_test_th(p)->check, 0);
	if (p->family == AF_INET)
		KUNIT_ASSERT_EQ(test, (__force u16)iph->check, 0);

	memcpy(other->b + word, p->b + word, sizeof(check));
	if (p->family == AF_INET)
		((struct iphdr *)other->b)->id = iph->id;
	knits_nat_test_fill(other);
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
	struct knits_nat_test_pkt *pkt, *want;
	union knits_addr addr = knits_nat_test_addr(c->family, &c->to);
	struct sk_buff *skb;

	pkt = knits_nat_test_make(test, c->family, false,
				  c->end == KNITS_NAT_SRC ? &c->from :
							    &flow->client,
				  c->end == KNITS_NAT_DST ? &c->from :
							    &flow->service,
				  KNITS_NAT_TEST_SHORT);
	want = knits_nat_test_dup(test, pkt);
	knits_nat_test_set(want, c->end, &c->to);
	knits_nat_test_fill(want);
	if (c->zero == KNITS_NAT_TEST_ZERO_BEFORE)
		knits_nat_test_zero(test, pkt, want);
	else if (c->zero == KNITS_NAT_TEST_ZERO_AFTER)
		knits_nat_test_zero(test, want, pkt);

	skb = knits_nat_test_skb(test, pkt, &shape);
	knits_nat_test_check(test, skb, pkt, shape.ip_summed);
	KUNIT_ASSERT_EQ(test, knits_nat_rewrite(skb, c->family, pkt->thoff,
						c->end, &addr,
						htons(c->to.port)),
			0);
	knits_nat_test_check(test, skb, want, shape.ip_summed);
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
