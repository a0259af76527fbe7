// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * The segment is built whole (no payload: a bare header, with the
 * timestamp option when the leg negotiated it, RFC 7323 3.2 asks for it on
 * every segment) and leaves by the local output path, as SYNPROXY's and
 * REJECT's segments do: routed by its destination with a source address
 * that is not the gateway's (FLOWI_FLAG_ANYSRC), and kept out of
 * conntrack, which never saw the connection's sequence jump.
 */

#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/tcp.h>

#include "emit.h"
#include "packet.h"

#define KNITS_EMIT_TTL 64

static void knits_emit_tcp(struct tcphdr *th, const struct knits_tuple *t,
			   const struct knits_emit *e, unsigned int len)
{
	th->source = t->sport;
	th->dest = t->dport;
	th->seq = htonl(e->seq);
	th->ack_seq = htonl(e->ack);
	th->doff = len / 4;
	((u8 *)th)[13] = e->flags;
	th->window = htons(e->win);
	if (e->ts) {
		__be32 *opt = (__be32 *)(th + 1);

		*opt++ = htonl(TCPOPT_NOP << 24 | TCPOPT_NOP << 16 |
			       TCPOPT_TIMESTAMP << 8 | TCPOLEN_TIMESTAMP);
		*opt++ = htonl(e->tsval);
		*opt = htonl(e->tsecr);
	}
}

static int knits_emit4(struct net *net, struct sk_buff *skb,
		       const struct knits_tuple *t, unsigned int len)
{
	struct tcphdr *th = tcp_hdr(skb);
	struct flowi4 fl4 = {
		.daddr = t->dst.ip,
		.saddr = t->src.ip,
		.flowi4_proto = IPPROTO_TCP,
		.flowi4_flags = FLOWI_FLAG_ANYSRC,
	};
	struct iphdr *iph;
	struct rtable *rt;

	th->check = tcp_v4_check(len, t->src.ip, t->dst.ip,
				 csum_partial(th, len, 0));
	skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = sizeof(*iph) / 4;
	iph->tos = 0;
	iph->frag_off = htons(IP_DF);
	iph->id = 0;
	iph->ttl = KNITS_EMIT_TTL;
	iph->protocol = IPPROTO_TCP;
	iph->saddr = t->src.ip;
	iph->daddr = t->dst.ip;
	skb->protocol = htons(ETH_P_IP);
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt)) {
		kfree_skb(skb);
		return PTR_ERR(rt);
	}
	skb_dst_set(skb, &rt->dst);
	/* ip_local_out() sets the length and the header checksum */
	return ip_local_out(net, NULL, skb);
}

static int knits_emit6(struct net *net, struct sk_buff *skb,
		       const struct knits_tuple *t, unsigned int len)
{
	struct tcphdr *th = tcp_hdr(skb);
	struct flowi6 fl6 = {
		.daddr = t->dst.in6,
		.saddr = t->src.in6,
		.flowi6_proto = IPPROTO_TCP,
	};
	struct dst_entry *dst;
	struct ipv6hdr *ip6h;

	th->check = tcp_v6_check(len, &t->src.in6, &t->dst.in6,
				 csum_partial(th, len, 0));
	skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->nexthdr = IPPROTO_TCP;
	ip6h->hop_limit = KNITS_EMIT_TTL;
	ip6h->saddr = t->src.in6;
	ip6h->daddr = t->dst.in6;
	skb->protocol = htons(ETH_P_IPV6);
	dst = ip6_route_output(net, NULL, &fl6);
	if (dst->error) {
		int err = dst->error;

		dst_release(dst);
		kfree_skb(skb);
		return err;
	}
	skb_dst_set(skb, dst);
	/* ip6_local_out() sets the payload length */
	return ip6_local_out(net, NULL, skb);
}

int knits_emit(struct net *net, const struct knits_tuple *from,
	       const struct knits_emit *e)
{
	unsigned int len = sizeof(struct tcphdr) + (e->ts ? TCPOLEN_TSTAMP_ALIGNED : 0);
	unsigned int nhlen = from->family == AF_INET ? sizeof(struct iphdr) :
						       sizeof(struct ipv6hdr);
	struct sk_buff *skb;

	skb = alloc_skb(LL_MAX_HEADER + nhlen + len, GFP_ATOMIC);
	if (!skb)
		return -ENOMEM;
	skb_reserve(skb, LL_MAX_HEADER + nhlen);
	skb_reset_transport_header(skb);
	knits_emit_tcp(skb_put_zero(skb, len), from, e, len);
	skb->ip_summed = CHECKSUM_NONE;
	knits_untrack(skb);
	/* from here on the skb is the output path's, or freed */
	return from->family == AF_INET ? knits_emit4(net, skb, from, len) :
					 knits_emit6(net, skb, from, len);
}
