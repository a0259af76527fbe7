// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Nothing here trusts an incremental update: an expected packet's
 * checksums are computed from scratch (ip_fast_csum(), csum_partial() and
 * the pseudo-header), the skb must hold exactly its bytes, and the
 * kernel's own consumers (skb_checksum() over the frags, the receive
 * path's CHECKSUM_COMPLETE checks, skb_checksum_help()) must accept it.
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
 * packet from its network header.
 */

#include <kunit/resource.h>
#include <linux/gfp.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/mm.h>
#include <linux/netdevice.h>
#include <linux/string.h>
#include <net/checksum.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#include "test_skb.h"

#define KNITS_TEST_HEADROOM	64

/*
 * The checksum of a TCP segment of @tcplen bytes summing to @sum, behind
 * the network header @nh.
 */
__sum16 knits_test_magic(u8 family, const void *nh, unsigned int tcplen,
			 __wsum sum)
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
__sum16 knits_test_pseudo(u8 family, const void *nh, unsigned int tcplen)
{
	return ~knits_test_magic(family, nh, tcplen, 0);
}

/* Computes @p's checksums from scratch. */
void knits_test_fill(struct knits_test_pkt *p)
{
	struct tcphdr *th = knits_test_th(p);
	unsigned int tcplen = p->len - p->thoff;

	if (p->family == AF_INET) {
		struct iphdr *iph = (struct iphdr *)p->b;

		iph->check = 0;
		iph->check = ip_fast_csum(iph, iph->ihl);
	}
	th->check = 0;
	th->check = knits_test_magic(p->family, p->b, tcplen,
				     csum_partial(th, tcplen, 0));
}

/**
 * knits_test_make() - a TCP packet, checksums computed
 * @test: the test, which owns the packet
 * @family: AF_INET or AF_INET6
 * @ip_opts: IPv4 only: one word of NOP options after the IP header
 * @tcp_opts: the TCP options area, @optlen bytes (a multiple of 4)
 * @optlen: its length
 * @paylen: bytes of payload, each a function of its offset
 *
 * Addresses and ports are 0; a caller that sets them calls
 * knits_test_fill() again. The TCP header has seq 0x01020304, ack
 * 0xa0b0c0d0, ACK and PSH, window 0xfaf0.
 */
struct knits_test_pkt *knits_test_make(struct kunit *test, u8 family,
				       bool ip_opts, const u8 *tcp_opts,
				       unsigned int optlen,
				       unsigned int paylen)
{
	unsigned int tcphlen = sizeof(struct tcphdr) + optlen;
	struct knits_test_pkt *p;
	struct tcphdr *th;
	unsigned int i;
	u8 *payload;

	KUNIT_ASSERT_EQ(test, optlen % 4, 0);
	KUNIT_ASSERT_LE(test, tcphlen, 60);
	p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	p->family = family;
	if (family == AF_INET)
		p->thoff = sizeof(struct iphdr) +
			   (ip_opts ? KNITS_TEST_IPOPTLEN : 0);
	else
		p->thoff = sizeof(struct ipv6hdr);
	p->len = p->thoff + tcphlen + paylen;
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
	th = knits_test_th(p);
	th->seq = htonl(0x01020304);
	th->ack_seq = htonl(0xa0b0c0d0);
	th->doff = tcphlen / 4;
	th->ack = 1;
	th->psh = 1;
	th->window = htons(0xfaf0);
	memcpy(th + 1, tcp_opts, optlen);
	payload = p->b + p->thoff + tcphlen;
	for (i = 0; i < paylen; i++)
		payload[i] = i * 31 + 7;
	knits_test_fill(p);
	return p;
}

struct knits_test_pkt *knits_test_dup(struct kunit *test,
				      const struct knits_test_pkt *p)
{
	struct knits_test_pkt *q = kunit_kmalloc(test, sizeof(*q), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, q);
	*q = *p;
	q->b = kunit_kmalloc(test, p->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, q->b);
	memcpy(q->b, p->b, p->len);
	return q;
}

/* @p as CHECKSUM_PARTIAL carries it. */
struct knits_test_pkt *knits_test_partial(struct kunit *test,
					  const struct knits_test_pkt *p)
{
	struct knits_test_pkt *q = knits_test_dup(test, p);

	knits_test_th(q)->check = knits_test_pseudo(q->family, q->b,
						    q->len - q->thoff);
	return q;
}

/*
 * Chooses the first payload word and the IPv4 ID so that @p's TCP and IPv4
 * header checksums are 0, and gives @other the same words: adding a
 * checksum to the sum it was computed from makes that sum -0.
 */
void knits_test_zero(struct kunit *test, struct knits_test_pkt *p,
		     struct knits_test_pkt *other)
{
	unsigned int word = p->thoff + knits_test_tcphlen(p);
	struct iphdr *iph = (struct iphdr *)p->b;
	__sum16 check;

	KUNIT_ASSERT_GE(test, p->len, word + sizeof(check));
	memset(p->b + word, 0, sizeof(check));
	if (p->family == AF_INET)
		iph->id = 0;
	knits_test_fill(p);
	check = knits_test_th(p)->check;
	memcpy(p->b + word, &check, sizeof(check));
	if (p->family == AF_INET)
		memcpy(&iph->id, &iph->check, sizeof(iph->id));
	knits_test_fill(p);
	KUNIT_ASSERT_EQ(test, (__force u16)knits_test_th(p)->check, 0);
	if (p->family == AF_INET)
		KUNIT_ASSERT_EQ(test, (__force u16)iph->check, 0);

	memcpy(other->b + word, p->b + word, sizeof(check));
	if (p->family == AF_INET)
		((struct iphdr *)other->b)->id = iph->id;
	knits_test_fill(other);
}

static void knits_test_free_skb(struct kunit_resource *res)
{
	kfree_skb(res->data);
}

/* Frees @skb when the test ends, however it ends. */
struct sk_buff *knits_test_track(struct kunit *test, struct sk_buff *skb)
{
	void *res;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	res = kunit_alloc_resource(test, NULL, knits_test_free_skb,
				   GFP_KERNEL, skb);
	if (!res)
		kfree_skb(skb);
	KUNIT_ASSERT_NOT_NULL(test, res);
	return skb;
}

/**
 * knits_test_skb() - @p in an skb, with skb->data at the network header
 *                    as at PRE_ROUTING
 * @test: the test, which frees the skb
 * @p: the packet, checksums complete
 * @ip_summed: CHECKSUM_NONE, _PARTIAL (th->check becomes the pseudo-header
 *             sum) or _COMPLETE (skb->csum the sum from the network header)
 * @tcp_head: bytes of the TCP segment in the head, the rest in frags; 0: all
 * @tight: no tailroom behind the head: a pull must reallocate it
 *
 * Frags begin at odd lengths and page offsets.
 */
struct sk_buff *knits_test_skb(struct kunit *test,
			       const struct knits_test_pkt *p, u8 ip_summed,
			       unsigned int tcp_head, bool tight)
{
	unsigned int headlen = tcp_head ? p->thoff + tcp_head : p->len;
	unsigned int i, n, off;
	struct sk_buff *skb;

	skb = knits_test_track(test, alloc_skb(KNITS_TEST_HEADROOM + headlen,
					       GFP_KERNEL));
	skb_reserve(skb, tight ? skb_tailroom(skb) - headlen :
				 KNITS_TEST_HEADROOM);
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

	if (ip_summed == CHECKSUM_PARTIAL) {
		struct tcphdr *th = (struct tcphdr *)(skb->data + p->thoff);

		th->check = knits_test_pseudo(p->family, skb->data,
					      p->len - p->thoff);
		KUNIT_ASSERT_TRUE(test,
				  skb_partial_csum_set(skb, p->thoff,
						       offsetof(struct tcphdr,
								check)));
	} else if (ip_summed == CHECKSUM_COMPLETE) {
		skb->ip_summed = CHECKSUM_COMPLETE;
		skb->csum = skb_checksum(skb, 0, skb->len, 0);
	}
	return skb;
}

/* @skb's bytes from its network header on. */
u8 *knits_test_bytes(struct kunit *test, const struct sk_buff *skb)
{
	u8 *b = kunit_kmalloc(test, skb->len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, skb_network_offset(skb), 0);
	KUNIT_ASSERT_EQ(test, skb_copy_bits(skb, 0, b, skb->len), 0);
	return b;
}

/* A copy of @skb's frag descriptors. */
skb_frag_t *knits_test_frags(struct kunit *test, const struct sk_buff *skb)
{
	unsigned int n = skb_shinfo(skb)->nr_frags;
	skb_frag_t *frags = kunit_kcalloc(test, n + 1, sizeof(*frags),
					  GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, frags);
	memcpy(frags, skb_shinfo(skb)->frags, n * sizeof(*frags));
	return frags;
}

/* The packet @got must be @want, checksums and payload included. */
void knits_test_expect_pkt(struct kunit *test, const u8 *got,
			   const struct knits_test_pkt *want)
{
	const struct tcphdr *gth = (const struct tcphdr *)(got + want->thoff);
	const struct tcphdr *wth = knits_test_th(want);
	unsigned int i;

	if (want->expect_fields)
		want->expect_fields(test, got, want);
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
u16 knits_test_verify(const struct sk_buff *skb, u8 family,
		      unsigned int thoff)
{
	unsigned int tcplen = skb->len - thoff;

	return (__force u16)knits_test_magic(family, skb->data, tcplen,
				skb_checksum(skb, thoff, tcplen, 0));
}

/* @sum folded to 16 bits, -0 (0xffff) and +0 alike. */
static u16 knits_test_fold(__wsum sum)
{
	u16 folded = ~(__force u16)csum_fold(sum);

	return folded == 0xffff ? 0 : folded;
}

/*
 * skb->csum must be the sum of @skb from its network header, and the
 * checks netfilter and TCP make with it on receive must pass without
 * falling back to summing the packet in software.
 */
static void knits_test_check_complete(struct kunit *test,
				      struct sk_buff *skb, u8 family,
				      unsigned int thoff)
{
	unsigned int tcplen = skb->len - thoff;
	struct sk_buff *copy;
	__wsum sum;
	u16 ret;

	KUNIT_EXPECT_EQ_MSG(test, knits_test_fold(skb->csum),
			    knits_test_fold(skb_checksum(skb, 0, skb->len, 0)),
			    "skb->csum is not the sum of the packet");

	/* nf_ip_checksum() and nf_ip6_checksum() at PRE_ROUTING */
	sum = skb->csum;
	if (family == AF_INET6)
		sum = csum_sub(sum, skb_checksum(skb, 0, thoff, 0));
	KUNIT_EXPECT_EQ_MSG(test,
			    (__force u16)knits_test_magic(family, skb->data,
							  tcplen, sum),
			    0, "netfilter would not take skb->csum");

	/* tcp_v4_rcv() and tcp_v6_rcv(), the network header pulled */
	copy = knits_test_track(test, pskb_copy(skb, GFP_KERNEL));
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
static void knits_test_complete_partial(struct kunit *test,
					struct sk_buff *skb,
					const struct knits_test_pkt *want)
{
	struct knits_test_pkt *full = knits_test_dup(test, want);
	struct sk_buff *copy;

	KUNIT_EXPECT_EQ(test, skb_checksum_start_offset(skb), (int)want->thoff);
	KUNIT_EXPECT_EQ(test, skb->csum_offset,
			(u16)offsetof(struct tcphdr, check));
	copy = knits_test_track(test, pskb_copy(skb, GFP_KERNEL));
	KUNIT_ASSERT_EQ(test, skb_checksum_help(copy), 0);
	KUNIT_EXPECT_EQ(test, (u8)copy->ip_summed, CHECKSUM_NONE);
	/* it writes a checksum of 0 as CSUM_MANGLED_0, the same sum */
	if (!knits_test_th(full)->check)
		knits_test_th(full)->check = CSUM_MANGLED_0;
	knits_test_expect_pkt(test, knits_test_bytes(test, copy), full);
	KUNIT_EXPECT_EQ(test, knits_test_verify(copy, want->family,
						want->thoff), 0);
}

/**
 * knits_test_check() - @skb must hold exactly @want, and its checksums
 *                      must verify
 * @test: the test
 * @skb: the skb, skb->data at the network header
 * @want: the packet, checksums complete (for CHECKSUM_PARTIAL @skb must
 *        hold its pseudo-header sum in th->check)
 * @ip_summed: what @skb->ip_summed must still be
 */
void knits_test_check(struct kunit *test, struct sk_buff *skb,
		      const struct knits_test_pkt *want, u8 ip_summed)
{
	const struct knits_test_pkt *exp = want;

	KUNIT_ASSERT_EQ(test, skb->len, want->len);
	KUNIT_EXPECT_EQ(test, (u8)skb->ip_summed, ip_summed);
	if (ip_summed == CHECKSUM_PARTIAL)
		exp = knits_test_partial(test, want);
	knits_test_expect_pkt(test, knits_test_bytes(test, skb), exp);
	if (want->family == AF_INET)
		KUNIT_EXPECT_EQ(test,
				(__force u16)ip_fast_csum(skb->data,
							  ip_hdr(skb)->ihl),
				0);
	switch (ip_summed) {
	case CHECKSUM_PARTIAL:
		knits_test_complete_partial(test, skb, want);
		break;
	case CHECKSUM_COMPLETE:
		knits_test_check_complete(test, skb, want->family,
					  want->thoff);
		fallthrough;
	default:
		KUNIT_EXPECT_EQ(test, knits_test_verify(skb, want->family,
							want->thoff), 0);
	}
}
