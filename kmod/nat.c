// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Incremental checksum updates, as netfilter's NAT does them:
 * inet_proto_csum_replace*() with pseudohdr=true for addresses (they are in
 * TCP's pseudo-header; for CHECKSUM_PARTIAL only the pseudo-header sum in
 * th->check changes, for CHECKSUM_COMPLETE skb->csum follows) and false for
 * ports (a byte of the segment itself: the field's update keeps the sum of
 * the segment, so skb->csum stays right, and CHECKSUM_PARTIAL needs
 * nothing). GSO packets are CHECKSUM_PARTIAL, so their segments get the new
 * headers' checksums when they are cut. Only the headers are written, so
 * paged data is never copied.
 */

#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <net/checksum.h>
#include <net/ip.h>

#include "nat.h"

int knits_nat_rewrite(struct sk_buff *skb, u8 family, unsigned int thoff,
		      enum knits_nat_end end, const union knits_addr *addr,
		      __be16 port)
{
	struct tcphdr *th;
	__be16 *pfield;

	if (skb_ensure_writable(skb, skb_network_offset(skb) + thoff +
				sizeof(struct tcphdr)))
		return -ENOMEM;
	/* skb_ensure_writable() may have moved the headers */
	th = (struct tcphdr *)(skb_network_header(skb) + thoff);
	if (family == AF_INET) {
		struct iphdr *iph = ip_hdr(skb);
		__be32 *field = end == KNITS_NAT_DST ? &iph->daddr : &iph->saddr;

		inet_proto_csum_replace4(&th->check, skb, *field, addr->ip,
					 true);
		csum_replace4(&iph->check, *field, addr->ip);
		*field = addr->ip;
	} else {
		struct ipv6hdr *ip6h = ipv6_hdr(skb);
		struct in6_addr *field = end == KNITS_NAT_DST ? &ip6h->daddr :
								 &ip6h->saddr;

		inet_proto_csum_replace16(&th->check, skb, field->s6_addr32,
					  addr->in6.s6_addr32, true);
		*field = addr->in6;
	}
	pfield = end == KNITS_NAT_DST ? &th->dest : &th->source;
	inet_proto_csum_replace2(&th->check, skb, *pfield, port, false);
	*pfield = port;
	return 0;
}
