// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * What knits does with a TCP packet at PRE_ROUTING: find its connection
 * (or make one for a client's SYN to a service), follow the TCP state, and
 * rewrite it: client -> VIP becomes client -> member, member -> client
 * becomes VIP -> client. Packets knits owns are taken out of conntrack's
 * view; everything else passes untouched.
 */

#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/route.h>

#include "conn.h"
#include "nat.h"
#include "packet.h"
#include "service.h"
#include "splice.h"

/* A TCP packet as knits sees it. */
struct knits_pkt {
	struct knits_tuple t;
	unsigned int thoff;
	u8 flags;
	/* the TCP header is shorter than its data offset says */
	bool malformed;
};

/* False for what knits never owns: other protocols, fragments, packets
 * too short to name their ports.
 */
static bool knits_parse(struct sk_buff *skb, u8 pf, struct knits_pkt *pkt)
{
	struct tcphdr _th;
	const struct tcphdr *th;

	memset(&pkt->t, 0, sizeof(pkt->t));
	if (pf == NFPROTO_IPV4) {
		const struct iphdr *iph = ip_hdr(skb);

		if (iph->protocol != IPPROTO_TCP || ip_is_fragment(iph))
			return false;
		pkt->t.family = AF_INET;
		pkt->t.src.ip = iph->saddr;
		pkt->t.dst.ip = iph->daddr;
		pkt->thoff = ip_hdrlen(skb);
	} else {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);
		u8 nexthdr = ip6h->nexthdr;
		__be16 frag_off;
		int off;

		off = ipv6_skip_exthdr(skb, sizeof(*ip6h), &nexthdr, &frag_off);
		if (off < 0 || nexthdr != IPPROTO_TCP || frag_off)
			return false;
		pkt->t.family = AF_INET6;
		pkt->t.src.in6 = ip6h->saddr;
		pkt->t.dst.in6 = ip6h->daddr;
		pkt->thoff = off;
	}
	th = skb_header_pointer(skb, skb_network_offset(skb) + pkt->thoff,
				sizeof(_th), &_th);
	if (!th)
		return false;
	pkt->t.sport = th->source;
	pkt->t.dport = th->dest;
	pkt->flags = ((const u8 *)th)[13];	/* the flag byte, as KNITS_TCPF_* */
	pkt->malformed = th->doff < sizeof(_th) / 4 ||
			 skb_network_offset(skb) + pkt->thoff + th->doff * 4 >
				 skb->len;
	return true;
}

static bool knits_is_syn(u8 flags)
{
	return (flags & (KNITS_TCPF_SYN | KNITS_TCPF_ACK | KNITS_TCPF_RST |
			 KNITS_TCPF_FIN)) == KNITS_TCPF_SYN;
}

static unsigned int knits_drop(struct knits_net *kn, enum knits_counter why)
{
	knits_stats_inc(&kn->stats, why);
	return NF_DROP;
}

/*
 * A segment with a bad checksum is one its receiver throws away; before it
 * may create, end or teach a connection, knits checks it as conntrack does
 * (nf_conntrack_checksum). Free when the skb says the device checked it
 * (CHECKSUM_UNNECESSARY), or it comes from a local stack that has yet to
 * fill it in (CHECKSUM_PARTIAL); one addition per 16 bits left for the
 * device's sum (CHECKSUM_COMPLETE); a sum of the segment otherwise
 * (CHECKSUM_NONE), which the forwarding path would not have made: the
 * cost Documentation/design.md gives. A sum made here stays with the skb
 * for whatever checks it next.
 */
static bool knits_csum_bad(struct sk_buff *skb,
			   const struct nf_hook_state *state,
			   const struct knits_pkt *pkt)
{
	return nf_checksum(skb, state->hook,
			   skb_network_offset(skb) + pkt->thoff, IPPROTO_TCP,
			   pkt->t.family);
}

static enum knits_counter knits_create_error(int err)
{
	switch (err) {
	case -ENOSPC:
		return KNITS_CTR_DROP_CONN_LIMIT;
	case -EEXIST:
		return KNITS_CTR_DROP_TUPLE_CLASH;
	default:
		return KNITS_CTR_DROP_NOMEM;
	}
}

/*
 * A packet to the client leaves with the VIP as its source, which may be
 * one of the gateway's own addresses: IPv4 routing would call that a
 * martian. Routing it to its new destination @daddr from the source it
 * arrived with first, is what the stack would have done for the packet
 * as it came in; the route stays attached, so ip_rcv_finish() keeps it.
 * IPv6 input routing does not validate sources, so it routes the
 * rewritten packet as it is.
 */
int knits_route_input(struct sk_buff *skb, const struct nf_hook_state *state,
		      const union knits_addr *daddr)
{
	const struct iphdr *iph;

	if (state->pf != NFPROTO_IPV4 || skb_dst(skb))
		return 0;
	iph = ip_hdr(skb);
	return ip_route_input_noref(skb, daddr->ip, iph->saddr, iph->tos,
				    state->in);
}

/*
 * The TCP header fields and options of a packet knits owns. Options that
 * cannot be read leave @seg->has_opts false and return false: a connection
 * that is not spliced only learns nothing from them, a spliced one cannot
 * translate them.
 */
static bool knits_parse_seg(const struct sk_buff *skb,
			    const struct knits_pkt *pkt,
			    struct knits_tcp_seg *seg)
{
	unsigned int off = skb_network_offset(skb) + pkt->thoff, hlen;
	u8 buf[sizeof(struct tcphdr) + KNITS_TCP_OPTS_MAX];
	const struct tcphdr *th;

	memset(seg, 0, sizeof(*seg));
	th = skb_header_pointer(skb, off, sizeof(*th), buf);
	if (!th)
		return false;
	hlen = th->doff * 4;
	th = skb_header_pointer(skb, off, hlen, buf);
	if (!th)
		return false;
	seg->seq = ntohl(th->seq);
	seg->ack = ntohl(th->ack_seq);
	seg->win = ntohs(th->window);
	seg->flags = pkt->flags;
	seg->len = skb->len - off - hlen;
	if (hlen == sizeof(*th))
		return true;
	seg->has_opts = !knits_tcp_opts_parse((const u8 *)(th + 1),
					      hlen - sizeof(*th), &seg->opts);
	return seg->has_opts;
}

/*
 * The member sees a client's connection as client:port - member:port,
 * whichever VIP it came through: the same client port to two VIPs of one
 * member is one tuple to the member, and one reply entry here. If the
 * entry there is a closed connection's (TIME_WAIT, CLOSE), the client has
 * moved on and the member accepts the new SYN as it would on that VIP:
 * the closed one is forgotten, as knits_find() does for the same VIP. A
 * live one stays; the new SYN is then a counted clash. Asked only once an
 * insert has clashed, so a SYN that does not clash pays no lookup for it.
 * Returns whether the closed one was forgotten.
 */
static bool knits_reuse_reply(struct knits_net *kn,
			      const struct knits_member *member,
			      const struct knits_tuple *orig)
{
	struct knits_tuple reply = {
		.family = orig->family,
		.src = member->addr,
		.sport = member->port,
		.dst = orig->src,
		.dport = orig->sport,
	};
	struct knits_conn_ent *ent = knits_conn_lookup(&kn->conns, &reply);
	struct knits_conn *conn;

	if (!ent || ent->dir != KNITS_DIR_REPLY)
		return false;
	conn = knits_ent_conn(ent);
	if (READ_ONCE(conn->dead) ||
	    !knits_tcp_syn_reuses(READ_ONCE(conn->state)))
		return false;
	knits_conn_expire_now(kn, conn);
	return true;
}

/* A client's SYN to @svc: schedule a member and make the connection. */
static struct knits_conn *knits_new_conn(struct knits_net *kn,
					 struct knits_svc *svc,
					 const struct knits_pkt *pkt,
					 enum knits_counter *why)
{
	struct knits_member *member;
	struct knits_conn *conn;

	member = knits_svc_schedule(svc, &pkt->t);
	if (!member) {
		*why = KNITS_CTR_DROP_NO_MEMBER;
		return NULL;
	}
	/* at the cap of half-open connections, a new SYN takes the oldest
	 * one's place (a flood's, most likely: a real client's handshake
	 * ends within a round trip)
	 */
	if (READ_ONCE(kn->conns.nembryos) >= knits_conn_embryos_max(&kn->conns) &&
	    knits_conn_early_drop(&kn->conns))
		knits_stats_inc(&kn->stats, KNITS_CTR_EARLY_DROP_HALF_OPEN);
	conn = knits_conn_create(kn, &pkt->t, svc, member, KNITS_CONN_CLIENT);
	if (IS_ERR(conn) && PTR_ERR(conn) == -EEXIST &&
	    knits_reuse_reply(kn, member, &pkt->t))
		conn = knits_conn_create(kn, &pkt->t, svc, member,
					 KNITS_CONN_CLIENT);
	if (IS_ERR(conn)) {
		*why = knits_create_error(PTR_ERR(conn));
		return NULL;
	}
	knits_stats_inc(&kn->stats, KNITS_CTR_CONNS_CREATED);
	knits_obj_stats_conn(&svc->stats);
	knits_obj_stats_conn(&member->stats);
	return conn;
}

/*
 * A SYN to a member's own address:port, not through a VIP, from a member's
 * address: a node's connection to another node, tracked unchanged so that
 * a splice can make it a leg (all node traffic crosses the gateway,
 * Documentation/design.md). From anywhere else it is not knits' (a host
 * reaching a node directly, or a flood at a node's address): it makes no
 * entry and is only routed.
 */
static struct knits_conn *knits_new_node_conn(struct knits_net *kn,
					      struct sk_buff *skb,
					      const struct nf_hook_state *state,
					      const struct knits_pkt *pkt)
{
	struct knits_member *member;
	struct knits_conn *conn;
	struct knits_svc *svc;

	member = knits_member_at(&kn->services, pkt->t.family, &pkt->t.dst,
				 pkt->t.dport, &svc);
	if (!member ||
	    !knits_member_host(&kn->services, pkt->t.family, &pkt->t.src))
		return NULL;
	if (knits_csum_bad(skb, state, pkt)) {
		knits_stats_inc(&kn->stats, KNITS_CTR_DROP_BAD_CHECKSUM);
		return ERR_PTR(-EINVAL);
	}
	conn = knits_conn_create(kn, &pkt->t, svc, member, KNITS_CONN_NODE);
	if (IS_ERR(conn)) {
		knits_stats_inc(&kn->stats, knits_create_error(PTR_ERR(conn)));
		return ERR_CAST(conn);
	}
	knits_stats_inc(&kn->stats, KNITS_CTR_NODE_CONNS);
	return conn;
}

/* The live connection @pkt belongs to, or NULL. */
static struct knits_conn_ent *knits_find(struct knits_net *kn,
					 const struct knits_pkt *pkt)
{
	struct knits_conn_ent *ent = knits_conn_lookup(&kn->conns, &pkt->t);

	if (!ent || READ_ONCE(knits_ent_conn(ent)->dead))
		return NULL;
	return ent;
}

/*
 * A client reusing the tuple of a closed connection starts anew: the
 * closed one is forgotten, and the SYN is one of no connection. Asked of
 * a segment whose checksum is good only, or a corrupt SYN could end one.
 */
static bool knits_syn_reuses(struct knits_net *kn,
			     const struct knits_conn_ent *ent,
			     const struct knits_pkt *pkt)
{
	struct knits_conn *conn = knits_ent_conn((struct knits_conn_ent *)ent);

	if (ent->dir != KNITS_DIR_ORIG || !knits_is_syn(pkt->flags) ||
	    !knits_tcp_syn_reuses(READ_ONCE(conn->state)))
		return false;
	knits_conn_expire_now(kn, conn);
	return true;
}

unsigned int knits_packet(struct knits_net *kn, struct sk_buff *skb,
			  const struct nf_hook_state *state)
{
	enum knits_counter why;
	struct knits_conn_ent *ent;
	struct knits_member *member;
	struct knits_tcp_seg seg;
	struct knits_conn *conn;
	struct knits_pkt pkt;
	enum knits_dir dir;
	bool opts_ok, spliced;

	if (!knits_parse(skb, state->pf, &pkt))
		goto unowned;
	ent = knits_find(kn, &pkt);
	if (ent) {
		/* (a corrupt data offset is a corrupt segment) */
		if (knits_csum_bad(skb, state, &pkt))
			return knits_drop(kn, KNITS_CTR_DROP_BAD_CHECKSUM);
		if (pkt.malformed)
			return knits_drop(kn, KNITS_CTR_DROP_MALFORMED);
		if (knits_syn_reuses(kn, ent, &pkt))
			ent = NULL;
	}
	if (ent) {
		conn = knits_ent_conn(ent);
		dir = ent->dir;
	} else {
		struct knits_svc *svc = knits_svc_find(&kn->services,
						       pkt.t.family,
						       &pkt.t.dst, pkt.t.dport);

		if (!svc) {
			if (pkt.malformed || !knits_is_syn(pkt.flags))
				goto unowned;
			conn = knits_new_node_conn(kn, skb, state, &pkt);
			if (!conn)
				goto unowned;
			if (IS_ERR(conn))
				return NF_DROP;
		} else {
			if (pkt.malformed)
				return knits_drop(kn, KNITS_CTR_DROP_MALFORMED);
			if (!knits_is_syn(pkt.flags))
				return knits_drop(kn, KNITS_CTR_DROP_NO_CONN);
			/* (a reused tuple's SYN again: cheap, its sum is
			 * with the skb now)
			 */
			if (knits_csum_bad(skb, state, &pkt))
				return knits_drop(kn,
						  KNITS_CTR_DROP_BAD_CHECKSUM);
			conn = knits_new_conn(kn, svc, &pkt, &why);
			if (!conn)
				return knits_drop(kn, why);
		}
		dir = KNITS_DIR_ORIG;
	}

	member = conn->member;
	if (conn->kind == KNITS_CONN_CLIENT && !READ_ONCE(conn->splice) &&
	    READ_ONCE(member->state) == KNITS_MEMBER_DOWN)
		return knits_drop(kn, KNITS_CTR_DROP_MEMBER_DOWN);
	opts_ok = knits_parse_seg(skb, &pkt, &seg);
	if (READ_ONCE(conn->splice))
		return knits_splice_packet(kn, skb, state, conn, dir, pkt.thoff,
					   &seg, opts_ok);
	switch (knits_conn_update(&kn->conns, conn, dir, &seg, &spliced)) {
	case KNITS_SEG_ACCEPT:
		break;
	case KNITS_SEG_IGNORE:
		knits_stats_inc(&kn->stats, KNITS_CTR_PASS_UNTRUSTED);
		break;
	default:
		return knits_drop(kn, KNITS_CTR_DROP_OUT_OF_WINDOW);
	}
	if (spliced)
		return knits_splice_packet(kn, skb, state, conn, dir, pkt.thoff,
					   &seg, opts_ok);
	if (conn->kind == KNITS_CONN_NODE) {
		knits_untrack(skb);
		return NF_ACCEPT;
	}

	if (dir == KNITS_DIR_ORIG) {
		const struct knits_tuple *to = &conn->ent[KNITS_DIR_REPLY].tuple;

		if (knits_nat_rewrite(skb, pkt.t.family, pkt.thoff,
				      KNITS_NAT_DST, &to->src, to->sport))
			return knits_drop(kn, KNITS_CTR_DROP_UNWRITABLE);
		knits_stats_inc(&kn->stats, KNITS_CTR_NAT_TO_MEMBER);
	} else {
		const struct knits_tuple *from = &conn->ent[KNITS_DIR_ORIG].tuple;

		if (knits_route_input(skb, state, &pkt.t.dst))
			return knits_drop(kn, KNITS_CTR_DROP_NO_ROUTE);
		if (knits_nat_rewrite(skb, pkt.t.family, pkt.thoff,
				      KNITS_NAT_SRC, &from->dst, from->dport))
			return knits_drop(kn, KNITS_CTR_DROP_UNWRITABLE);
		knits_stats_inc(&kn->stats, KNITS_CTR_NAT_TO_CLIENT);
	}
	knits_obj_stats_packet(&conn->svc->stats, dir == KNITS_DIR_ORIG,
			       skb->len);
	knits_obj_stats_packet(&member->stats, dir == KNITS_DIR_ORIG, skb->len);
	knits_untrack(skb);
	return NF_ACCEPT;

unowned:
	knits_stats_inc(&kn->stats, KNITS_CTR_PASS_UNOWNED);
	return NF_ACCEPT;
}
