// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 *
 * KUnit suite for knits_tcp_rewrite() (kmod/tcp_rewrite.c): a spliced
 * segment's sequence and acknowledgment numbers, flags, window,
 * timestamps and SACK blocks rewritten in place on real skbs of every
 * shape the gateway receives (test_skb.c), for IPv4 and IPv6, over the
 * option layouts TCP stacks send: none, Linux's NOP NOP TS, timestamps and
 * SACK blocks at odd offsets, one to four SACK blocks with all, some or
 * none of them kept.
 *
 * The expected packet is the original with the new fields written at
 * offsets the test knows from building the options itself (the parser
 * only has to agree), its checksums computed from scratch; the skb must
 * hold exactly those bytes, its IP header and payload untouched, and the
 * kernel's checksum consumers and GSO must take it.
 */

#include <asm/unaligned.h>
#include <kunit/test.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <linux/tcp.h>
#include <net/ip.h>
#include <net/tcp.h>

#include "core/tcp_opts.h"
#include "tcp_rewrite.h"
#include "test_skb.h"

/* odd lengths: the sums end on half a word */
#define KNITS_REWRITE_TEST_SHORT	101
#define KNITS_REWRITE_TEST_LONG		1001
#define KNITS_REWRITE_TEST_MSS		400
/* TCP headers with NOP, NOP, TS, and then NOP, NOP and three SACK blocks */
#define KNITS_REWRITE_TEST_TS_HLEN	32
#define KNITS_REWRITE_TEST_TCPHLEN	60

/* the timestamps of a built "ts" option */
#define KNITS_REWRITE_TEST_TSVAL	0x11223344
#define KNITS_REWRITE_TEST_TSECR	0x55667788

/*
 * Option words of a layout (knits_rewrite_test_opts_build()); "sack1" to
 * "sack4" are a SACK option with that many blocks, "eol" pads the area
 * with zeros up to a whole word.
 */
static const struct knits_rewrite_test_word {
	const char *word;
	u8 len;
	u8 bytes[KNITS_TCPOLEN_TS];
} knits_rewrite_test_words[] = {
	{ "nop", 1, { TCPOPT_NOP } },
	{ "eol", 1, { TCPOPT_EOL } },
	{ "mss", 4, { TCPOPT_MSS, 4, 0x05, 0xb4 } },
	{ "ws", 3, { TCPOPT_WINDOW, 3, 7 } },
	{ "sackok", 2, { TCPOPT_SACK_PERM, 2 } },
	/* an option the parser does not know (RFC 4727 experiment) */
	{ "exp", 6, { 253, 6, 0xca, 0xfe, 0xd0, 0x0d } },
	{ "ts", 10, { TCPOPT_TIMESTAMP, 10, 0x11, 0x22, 0x33, 0x44,
		      0x55, 0x66, 0x77, 0x88 } },
};

/* A built options area and where its timestamps and SACK blocks are. */
struct knits_rewrite_test_opts {
	u8 b[KNITS_TCP_OPTS_MAX];
	unsigned int len;
	/* offsets of the TS and SACK options' kind bytes, or -1 */
	int ts_at;
	int sack_at;
	u8 nsack;
};

/* The blocks a built SACK option carries. */
static u32 knits_rewrite_test_sack_start(unsigned int i)
{
	return 0xa0000000 + i * 0x10000;
}

static u32 knits_rewrite_test_sack_end(unsigned int i)
{
	return knits_rewrite_test_sack_start(i) + 0x2000;
}

/* The length of a SACK option with @nblocks blocks. */
static unsigned int knits_rewrite_test_sack_len(unsigned int nblocks)
{
	return KNITS_TCPOLEN_SACK_BASE + nblocks * KNITS_TCPOLEN_SACK_BLOCK;
}

/*
 * Lays out the options @words names, e.g. "nop,nop,ts", into @o. Returns
 * 0, or -EINVAL for an unknown word, an area over 40 bytes or one that
 * does not end on a word.
 */
static int knits_rewrite_test_opts_build(const char *words,
					 struct knits_rewrite_test_opts *o)
{
	const char *w = words;

	memset(o, 0, sizeof(*o));
	o->ts_at = -1;
	o->sack_at = -1;
	while (*w) {
		const struct knits_rewrite_test_word *known = NULL;
		size_t n = strcspn(w, ",");
		unsigned int i, k;

		for (i = 0; i < ARRAY_SIZE(knits_rewrite_test_words); i++) {
			const char *word = knits_rewrite_test_words[i].word;

			if (strlen(word) == n && !strncmp(w, word, n))
				known = &knits_rewrite_test_words[i];
		}
		if (known) {
			if (o->len + known->len > KNITS_TCP_OPTS_MAX)
				return -EINVAL;
			if (known->bytes[0] == TCPOPT_TIMESTAMP)
				o->ts_at = o->len;
			memcpy(o->b + o->len, known->bytes, known->len);
			o->len += known->len;
			if (known->bytes[0] == TCPOPT_EOL)
				o->len = round_up(o->len, 4);
		} else if (n == 5 && !strncmp(w, "sack", 4) &&
			   w[4] >= '1' && w[4] <= '4') {
			k = w[4] - '0';
			if (o->len + knits_rewrite_test_sack_len(k) >
			    KNITS_TCP_OPTS_MAX)
				return -EINVAL;
			o->sack_at = o->len;
			o->nsack = k;
			o->b[o->len] = TCPOPT_SACK;
			o->b[o->len + 1] = knits_rewrite_test_sack_len(k);
			for (i = 0; i < k; i++) {
				u8 *blk = o->b + o->len + 2 + i * 8;
				u32 start = knits_rewrite_test_sack_start(i);
				u32 end = knits_rewrite_test_sack_end(i);

				put_unaligned_be32(start, blk);
				put_unaligned_be32(end, blk + 4);
			}
			o->len += knits_rewrite_test_sack_len(k);
		} else {
			return -EINVAL;
		}
		w += n;
		w += strspn(w, ",");
	}
	return o->len % 4 ? -EINVAL : 0;
}

/* TCP header fields, in host order; @flags is the flag byte (TCPHDR_*). */
struct knits_rewrite_test_hdr {
	u32 seq;
	u32 ack;
	u8 flags;
	u16 win;
};

/* Which checksum a case forces to 0 (test_skb.c, knits_test_zero()). */
enum knits_rewrite_test_zero {
	KNITS_REWRITE_TEST_ZERO_NONE,
	KNITS_REWRITE_TEST_ZERO_BEFORE,
	KNITS_REWRITE_TEST_ZERO_AFTER,
};

/*
 * A segment with the options @opts and the header fields @from, and its
 * rewrite (struct knits_splice_out): the fields @to, the timestamps
 * @tsval and @tsecr when @ts, @sack_keep SACK blocks kept. The splice
 * logic hands the new blocks over in the segment's parse: block i below
 * @sack_keep becomes @sack_base + i * 0x700 .. + 0x600, or stays as it was
 * when @sack_base is 0; the blocks from @sack_keep on get values that
 * must not appear.
 */
struct knits_rewrite_test_case {
	const char *name;
	const char *opts;
	struct knits_rewrite_test_hdr from;
	struct knits_rewrite_test_hdr to;
	bool ts;
	u32 tsval;
	u32 tsecr;
	u8 sack_keep;
	u32 sack_base;
	enum knits_rewrite_test_zero zero;
};

#define KNITS_REWRITE_TEST_FROM \
	{ 0x01020304, 0xa0b0c0d0, TCPHDR_ACK | TCPHDR_PSH, 0xfaf0 }
#define KNITS_REWRITE_TEST_TO \
	{ 0x8badf00d, 0x600dcafe, TCPHDR_ACK, 0x0102 }
/* a base whose third block straddles 2^32 */
#define KNITS_REWRITE_TEST_SACK_BASE	0xfffff000

static void knits_rewrite_test_new_sack(const struct knits_rewrite_test_case *c,
					unsigned int i, u32 *start, u32 *end)
{
	if (!c->sack_base) {
		*start = knits_rewrite_test_sack_start(i);
		*end = knits_rewrite_test_sack_end(i);
		return;
	}
	*start = c->sack_base + i * 0x700;
	*end = *start + 0x600;
}

/*
 * The rewrite of @c done from scratch on @p, whose options @o describes,
 * checksums recomputed.
 */
static void knits_rewrite_test_apply(struct knits_test_pkt *p,
				     const struct knits_rewrite_test_opts *o,
				     const struct knits_rewrite_test_case *c)
{
	struct tcphdr *th = knits_test_th(p);
	u8 *opts = (u8 *)(th + 1);
	unsigned int i;
	u32 start, end;

	th->seq = htonl(c->to.seq);
	if (c->to.flags & TCPHDR_ACK)
		th->ack_seq = htonl(c->to.ack);
	tcp_flag_byte(th) = c->to.flags;
	th->window = htons(c->to.win);
	if (c->ts && o->ts_at >= 0) {
		put_unaligned_be32(c->tsval, opts + o->ts_at + 2);
		put_unaligned_be32(c->tsecr, opts + o->ts_at + 6);
	}
	if (o->nsack && !c->sack_keep) {
		memset(opts + o->sack_at, TCPOPT_NOP,
		       knits_rewrite_test_sack_len(o->nsack));
	} else {
		for (i = 0; i < o->nsack; i++) {
			u8 *blk = opts + o->sack_at + 2 + i * 8;

			knits_rewrite_test_new_sack(c, min_t(unsigned int, i,
							     c->sack_keep - 1),
						    &start, &end);
			put_unaligned_be32(start, blk);
			put_unaligned_be32(end, blk + 4);
		}
	}
	knits_test_fill(p);
}

/* Where the TCP header of @got differs from @want's, field by field. */
static void knits_rewrite_test_expect_fields(struct kunit *test,
					     const u8 *got,
					     const struct knits_test_pkt *want)
{
	const struct tcphdr *gth = (const struct tcphdr *)(got + want->thoff);
	const struct tcphdr *wth = knits_test_th(want);
	const u8 *gopts = (const u8 *)(gth + 1);
	const u8 *wopts = (const u8 *)(wth + 1);
	unsigned int i;

	KUNIT_EXPECT_EQ_MSG(test, ntohl(gth->seq), ntohl(wth->seq),
			    "seq %#010x, want %#010x",
			    ntohl(gth->seq), ntohl(wth->seq));
	KUNIT_EXPECT_EQ_MSG(test, ntohl(gth->ack_seq), ntohl(wth->ack_seq),
			    "ack %#010x, want %#010x",
			    ntohl(gth->ack_seq), ntohl(wth->ack_seq));
	KUNIT_EXPECT_EQ_MSG(test, tcp_flag_byte(gth), tcp_flag_byte(wth),
			    "flags %#04x, want %#04x",
			    tcp_flag_byte(gth), tcp_flag_byte(wth));
	KUNIT_EXPECT_EQ_MSG(test, ntohs(gth->window), ntohs(wth->window),
			    "window %#06x, want %#06x",
			    ntohs(gth->window), ntohs(wth->window));
	KUNIT_ASSERT_EQ(test, (u8)gth->doff, (u8)wth->doff);
	for (i = 0; i < wth->doff * 4 - sizeof(*wth); i++) {
		if (gopts[i] != wopts[i]) {
			KUNIT_FAIL(test, "option byte %u is %#04x, want %#04x",
				   i, gopts[i], wopts[i]);
			break;
		}
	}
}

/* A segment with the options @o and the fields @from. */
static struct knits_test_pkt *
knits_rewrite_test_make(struct kunit *test, u8 family, bool ip_opts,
			const struct knits_rewrite_test_opts *o,
			const struct knits_rewrite_test_hdr *from,
			unsigned int paylen)
{
	struct knits_test_pkt *p;
	struct tcphdr *th;

	p = knits_test_make(test, family, ip_opts, o->b, o->len, paylen);
	p->expect_fields = knits_rewrite_test_expect_fields;
	if (family == AF_INET) {
		struct iphdr *iph = (struct iphdr *)p->b;

		iph->saddr = htonl(0xc000020a);	/* 192.0.2.10 */
		iph->daddr = htonl(0x0a010203);	/* 10.1.2.3 */
	} else {
		struct ipv6hdr *ip6h = (struct ipv6hdr *)p->b;

		ip6h->saddr.s6_addr32[0] = htonl(0x20010db8);
		ip6h->saddr.s6_addr32[3] = htonl(0xa);
		ip6h->daddr.s6_addr32[0] = htonl(0x20010db8);
		ip6h->daddr.s6_addr32[1] = htonl(2);
		ip6h->daddr.s6_addr32[3] = htonl(3);
	}
	th = knits_test_th(p);
	th->source = htons(40000);
	th->dest = htons(8080);
	th->seq = htonl(from->seq);
	th->ack_seq = htonl(from->ack);
	tcp_flag_byte(th) = from->flags;
	th->window = htons(from->win);
	knits_test_fill(p);
	return p;
}

/*
 * The segment @p as the splice logic hands it over: its fields, and its
 * options parsed (where the parser must agree with @o), with the new SACK
 * blocks of @c.
 */
static void knits_rewrite_test_seg(struct kunit *test,
				   const struct knits_test_pkt *p,
				   const struct knits_rewrite_test_opts *o,
				   const struct knits_rewrite_test_case *c,
				   struct knits_tcp_seg *seg)
{
	const struct tcphdr *th = knits_test_th(p);
	unsigned int hlen = th->doff * 4, i;

	memset(seg, 0, sizeof(*seg));
	seg->seq = ntohl(th->seq);
	seg->ack = ntohl(th->ack_seq);
	seg->len = p->len - p->thoff - hlen;
	seg->win = ntohs(th->window);
	seg->flags = tcp_flag_byte(th);
	seg->has_opts = hlen > sizeof(*th);
	if (!seg->has_opts)
		return;
	KUNIT_ASSERT_EQ(test, knits_tcp_opts_parse((const u8 *)(th + 1),
						   hlen - sizeof(*th),
						   &seg->opts),
			0);
	KUNIT_ASSERT_EQ(test, seg->opts.has_ts, o->ts_at >= 0);
	if (o->ts_at >= 0)
		KUNIT_ASSERT_EQ(test, seg->opts.ts_off, o->ts_at + 2);
	KUNIT_ASSERT_EQ(test, seg->opts.nsack, o->nsack);
	if (o->nsack)
		KUNIT_ASSERT_EQ(test, seg->opts.sack_off, o->sack_at + 2);
	for (i = 0; i < o->nsack; i++) {
		if (i < c->sack_keep) {
			knits_rewrite_test_new_sack(c, i,
						    &seg->opts.sack_start[i],
						    &seg->opts.sack_end[i]);
		} else {
			seg->opts.sack_start[i] = 0xdead0000 + i;
			seg->opts.sack_end[i] = 0xbeef0000 + i;
		}
	}
}

/*
 * With sack_keep 0 the SACK option, kind and length included, is NOPs in
 * @got, and every other option byte but the timestamps is @before's.
 */
static void
knits_rewrite_test_expect_nops(struct kunit *test, const u8 *got,
			       const struct knits_test_pkt *before,
			       const struct knits_rewrite_test_opts *o)
{
	const u8 *gopts = got + before->thoff + sizeof(struct tcphdr);
	const u8 *bopts = (const u8 *)(knits_test_th(before) + 1);
	int sack_end = o->sack_at + knits_rewrite_test_sack_len(o->nsack);
	bool in_sack, in_ts;
	int i;

	for (i = 0; i < (int)o->len; i++) {
		in_sack = i >= o->sack_at && i < sack_end;
		in_ts = o->ts_at >= 0 && i >= o->ts_at + 2 && i < o->ts_at + 10;
		if (in_sack && gopts[i] != TCPOPT_NOP) {
			KUNIT_FAIL(test, "SACK byte %d is %#04x, not a NOP",
				   i, gopts[i]);
			break;
		}
		if (!in_sack && !in_ts && gopts[i] != bopts[i]) {
			KUNIT_FAIL(test, "option byte %d is %#04x, was %#04x",
				   i, gopts[i], bopts[i]);
			break;
		}
	}
}

/*
 * Rewrites @skb, which holds @want (options @o), as @c says, and @want from
 * scratch. The IP header and the payload must not move.
 */
static void knits_rewrite_test_step(struct kunit *test, struct sk_buff *skb,
				    struct knits_test_pkt *want,
				    const struct knits_rewrite_test_opts *o,
				    const struct knits_rewrite_test_case *c)
{
	struct knits_test_pkt *before = knits_test_dup(test, want);
	unsigned int hlen = knits_test_tcphlen(want);
	struct knits_splice_out out = {
		.verdict = KNITS_SPLICE_FORWARD,
		.flags = c->to.flags,
		.seq = c->to.seq,
		.ack = c->to.ack,
		.win = c->to.win,
		.ts = c->ts,
		.tsval = c->tsval,
		.tsecr = c->tsecr,
		.sack_keep = c->sack_keep,
	};
	struct knits_tcp_seg seg;
	u8 *got;

	knits_rewrite_test_seg(test, want, o, c, &seg);
	knits_rewrite_test_apply(want, o, c);
	KUNIT_ASSERT_EQ(test, knits_tcp_rewrite(skb, want->thoff, &seg, &out),
			0);
	KUNIT_ASSERT_EQ(test, skb->len, want->len);
	got = knits_test_bytes(test, skb);
	KUNIT_EXPECT_EQ_MSG(test, memcmp(got, before->b, want->thoff), 0,
			    "the IP header changed");
	KUNIT_EXPECT_EQ_MSG(test, memcmp(got + want->thoff + hlen,
					 before->b + want->thoff + hlen,
					 want->len - want->thoff - hlen),
			    0, "the payload changed");
	if (o->nsack && !c->sack_keep)
		knits_rewrite_test_expect_nops(test, got, before, o);
}

static const char *const knits_rewrite_test_family_names[] = {
	"ipv4", "ipv6",
};

static const u8 knits_rewrite_test_modes[] = {
	CHECKSUM_NONE, CHECKSUM_COMPLETE, CHECKSUM_PARTIAL,
};

static const char *const knits_rewrite_test_mode_names[] = {
	"none", "complete", "partial",
};

/* Each case of a table runs over both families and every checksum mode. */
#define KNITS_REWRITE_TEST_VARIANTS \
	(ARRAY_SIZE(knits_rewrite_test_family_names) * \
	 ARRAY_SIZE(knits_rewrite_test_modes))

/*
 * An options layout, rewritten with the usual new fields
 * (knits_rewrite_test_usual).
 */
struct knits_rewrite_test_layout {
	const char *opts;
	u8 sack_keep;
};

/*
 * A table of @cases, or of @layouts, and one parameter slot per case and
 * variant.
 */
struct knits_rewrite_test_table {
	const struct knits_rewrite_test_case *cases;
	const struct knits_rewrite_test_layout *layouts;
	unsigned int ncases;
	const u8 *slots;
};

static const struct knits_rewrite_test_case knits_rewrite_test_usual = {
	.from = KNITS_REWRITE_TEST_FROM,
	.to = KNITS_REWRITE_TEST_TO,
	.ts = true,
	.tsval = 0xfedcba98,
	.tsecr = 0x00c0ffee,
	.sack_base = KNITS_REWRITE_TEST_SACK_BASE,
};

/* Case @k of @t, made in @buf when the table holds layouts. */
static const struct knits_rewrite_test_case *
knits_rewrite_test_get(const struct knits_rewrite_test_table *t,
		       unsigned int k, struct knits_rewrite_test_case *buf)
{
	if (t->cases)
		return &t->cases[k];
	*buf = knits_rewrite_test_usual;
	buf->opts = t->layouts[k].opts;
	buf->sack_keep = t->layouts[k].sack_keep;
	return buf;
}

static const void *
knits_rewrite_test_gen(const struct knits_rewrite_test_table *t,
		       const void *prev, char *desc)
{
	const u8 *slot = prev ? (const u8 *)prev + 1 : t->slots;
	unsigned int k = slot - t->slots, v = k % KNITS_REWRITE_TEST_VARIANTS;
	const struct knits_rewrite_test_case *c;
	struct knits_rewrite_test_case buf;
	struct knits_rewrite_test_opts o;
	int n;

	if (k >= t->ncases * KNITS_REWRITE_TEST_VARIANTS)
		return NULL;
	c = knits_rewrite_test_get(t, k / KNITS_REWRITE_TEST_VARIANTS, &buf);
	n = snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s",
		     c->name ? c->name : *c->opts ? c->opts : "no options");
	if (!c->name && !knits_rewrite_test_opts_build(c->opts, &o) &&
	    o.nsack && n < KUNIT_PARAM_DESC_SIZE)
		n += snprintf(desc + n, KUNIT_PARAM_DESC_SIZE - n,
			      ", keep %u", c->sack_keep);
	if (n < KUNIT_PARAM_DESC_SIZE)
		snprintf(desc + n, KUNIT_PARAM_DESC_SIZE - n, ", %s, %s",
			 knits_rewrite_test_family_names[v /
				ARRAY_SIZE(knits_rewrite_test_modes)],
			 knits_rewrite_test_mode_names[v %
				ARRAY_SIZE(knits_rewrite_test_modes)]);
	return slot;
}

/*
 * One case of @t in a linear skb of the slot's family and checksum mode:
 * the segment must be rewritten exactly as from scratch.
 */
static void knits_rewrite_test_variant(struct kunit *test,
				       const struct knits_rewrite_test_table *t)
{
	const u8 *slot = test->param_value;
	unsigned int k = slot - t->slots, v = k % KNITS_REWRITE_TEST_VARIANTS;
	u8 family = v / ARRAY_SIZE(knits_rewrite_test_modes) ? AF_INET6 :
							       AF_INET;
	u8 ip_summed = knits_rewrite_test_modes[v %
					ARRAY_SIZE(knits_rewrite_test_modes)];
	const struct knits_rewrite_test_case *c;
	struct knits_test_pkt *pkt, *want, *after;
	struct knits_rewrite_test_case buf;
	struct knits_rewrite_test_opts o;
	struct sk_buff *skb;

	c = knits_rewrite_test_get(t, k / KNITS_REWRITE_TEST_VARIANTS, &buf);
	KUNIT_ASSERT_EQ(test, knits_rewrite_test_opts_build(c->opts, &o), 0);
	pkt = knits_rewrite_test_make(test, family, false, &o, &c->from,
				      KNITS_REWRITE_TEST_SHORT);
	if (c->zero != KNITS_REWRITE_TEST_ZERO_NONE) {
		after = knits_test_dup(test, pkt);
		knits_rewrite_test_apply(after, &o, c);
		if (c->zero == KNITS_REWRITE_TEST_ZERO_BEFORE)
			knits_test_zero(test, pkt, after);
		else
			knits_test_zero(test, after, pkt);
	}
	skb = knits_test_skb(test, pkt, ip_summed, 0, false);
	knits_test_check(test, skb, pkt, ip_summed);
	want = knits_test_dup(test, pkt);
	knits_rewrite_test_step(test, skb, want, &o, c);
	knits_test_check(test, skb, want, ip_summed);
	if (c->zero == KNITS_REWRITE_TEST_ZERO_AFTER)
		KUNIT_EXPECT_EQ(test, (__force u16)knits_test_th(want)->check,
				0);
}

/*
 * Option layouts, each rewritten with new numbers, flags, window and
 * timestamps: Linux's, the timestamps or SACK blocks at odd offsets (a
 * single NOP before them, or a 3-byte option), SACK with 1 to 4 blocks
 * keeping all, fewer (the rest repeat the last kept) or none (NOPs).
 */
static const struct knits_rewrite_test_layout knits_rewrite_test_layouts[] = {
	{ "" },
	{ "nop,nop,ts" },
	{ "nop,ts,eol" },
	{ "ts,nop,nop" },
	{ "ws,ts,eol" },
	{ "nop,nop,nop,ts,eol" },
	{ "mss,nop,ts,eol" },
	{ "mss,sackok,ts,nop,ws" },
	{ "exp,nop,nop,ts,eol" },
	{ "nop,nop,sack1", 1 },
	{ "nop,nop,sack1", 0 },
	{ "nop,nop,sack2", 2 },
	{ "nop,nop,sack2", 1 },
	{ "nop,nop,sack2", 0 },
	{ "nop,nop,sack3", 3 },
	{ "nop,nop,sack3", 2 },
	{ "nop,nop,sack3", 1 },
	{ "nop,nop,sack3", 0 },
	{ "nop,nop,sack4", 4 },
	{ "nop,nop,sack4", 3 },
	{ "nop,nop,sack4", 2 },
	{ "nop,nop,sack4", 1 },
	{ "nop,nop,sack4", 0 },
	{ "sack4,eol", 4 },
	{ "sack4,eol", 1 },
	{ "sack4,eol", 0 },
	{ "nop,sack2,eol", 2 },
	{ "nop,sack2,eol", 1 },
	{ "nop,sack2,eol", 0 },
	{ "nop,nop,ts,nop,nop,sack1", 1 },
	{ "nop,nop,ts,nop,nop,sack1", 0 },
	{ "nop,nop,ts,nop,nop,sack2", 2 },
	{ "nop,nop,ts,nop,nop,sack2", 1 },
	{ "nop,nop,ts,nop,nop,sack2", 0 },
	{ "nop,nop,ts,nop,nop,sack3", 3 },
	{ "nop,nop,ts,nop,nop,sack3", 2 },
	{ "nop,nop,ts,nop,nop,sack3", 1 },
	{ "nop,nop,ts,nop,nop,sack3", 0 },
	{ "nop,ts,sack1,eol", 1 },
	{ "nop,ts,sack1,eol", 0 },
	{ "sack2,ts", 2 },
	{ "sack2,ts", 1 },
	{ "sack2,ts", 0 },
	{ "ws,sack3,ts,nop", 3 },
	{ "ws,sack3,ts,nop", 2 },
	{ "ws,sack3,ts,nop", 0 },
	{ "exp,nop,nop,sack3,eol", 1 },
};

static const u8
knits_rewrite_test_layout_slots[ARRAY_SIZE(knits_rewrite_test_layouts) *
				KNITS_REWRITE_TEST_VARIANTS];

static const struct knits_rewrite_test_table knits_rewrite_test_layout_table = {
	.layouts = knits_rewrite_test_layouts,
	.ncases = ARRAY_SIZE(knits_rewrite_test_layouts),
	.slots = knits_rewrite_test_layout_slots,
};

static const void *knits_rewrite_test_options_gen_params(const void *prev,
							 char *desc)
{
	return knits_rewrite_test_gen(&knits_rewrite_test_layout_table, prev,
				      desc);
}

static void knits_rewrite_test_options(struct kunit *test)
{
	knits_rewrite_test_variant(test, &knits_rewrite_test_layout_table);
}

/*
 * The fields at their limits, the flags, and what must stay as it was:
 * { name, options, from { seq, ack, flags, window }, to { ... }, ts,
 *   tsval, tsecr, sack_keep, sack_base }
 */
static const struct knits_rewrite_test_case knits_rewrite_test_field_cases[] = {
	{ "seq and ack wrap across 2^32", "nop,nop,ts,nop,nop,sack2",
	  { 0xfffffff0, 0x00000005, TCPHDR_ACK | TCPHDR_PSH, 0x8000 },
	  { 0x00000010, 0xfffffffb, TCPHDR_ACK | TCPHDR_PSH, 0x8000 },
	  true, 0xffffffff, 0x00000001, 2, KNITS_REWRITE_TEST_SACK_BASE },
	{ "all zeros to all ones", "nop,nop,ts",
	  { 0, 0, TCPHDR_ACK, 0 },
	  { 0xffffffff, 0xffffffff, 0xff, 0xffff },
	  true, 0xffffffff, 0xffffffff },
	{ "all ones to all zeros", "nop,nop,ts",
	  { 0xffffffff, 0xffffffff, 0xff, 0xffff },
	  { 0, 0, TCPHDR_ACK, 0 },
	  true, 0, 0 },
	{ "fin stripped", "nop,nop,ts",
	  { 0x01020304, 0xa0b0c0d0, TCPHDR_ACK | TCPHDR_PSH | TCPHDR_FIN,
	    0xfaf0 },
	  { 0x31323334, 0xb0c0d0e0, TCPHDR_ACK | TCPHDR_PSH, 0xfaf0 },
	  true, 1, 2 },
	{ "window 0", "nop,nop,ts", KNITS_REWRITE_TEST_FROM,
	  { 0x01020304, 0xa0b0c0d0, TCPHDR_ACK, 0 }, true, 1, 2 },
	{ "window 0xffff", "nop,nop,ts", KNITS_REWRITE_TEST_FROM,
	  { 0x01020304, 0xa0b0c0d0, TCPHDR_ACK, 0xffff }, true, 1, 2 },
	{ "ack flag clear: rst keeps the ack field", "nop,nop,ts",
	  KNITS_REWRITE_TEST_FROM,
	  { 0x41424344, 0x12345678, TCPHDR_RST, 0 }, true, 1, 2 },
	{ "ack flag clear: syn keeps the ack field", "mss,sackok,ts,nop,ws",
	  { 0x01020304, 0xa0b0c0d0, TCPHDR_SYN, 0xfaf0 },
	  { 0x41424344, 0x12345678, TCPHDR_SYN, 0xffff }, true, 1, 0 },
	{ "ack flag set: syn-ack", "mss,sackok,ts,nop,ws",
	  { 0x01020304, 0xa0b0c0d0, TCPHDR_SYN, 0xfaf0 },
	  { 0x41424344, 0x12345678, TCPHDR_SYN | TCPHDR_ACK, 0xffff },
	  true, 1, 2 },
	{ "ts off: timestamps kept", "nop,nop,ts,nop,nop,sack3",
	  KNITS_REWRITE_TEST_FROM, KNITS_REWRITE_TEST_TO,
	  false, 0xfedcba98, 0x00c0ffee, 3, KNITS_REWRITE_TEST_SACK_BASE },
	{ "ts on without timestamps", "nop,nop,sack2",
	  KNITS_REWRITE_TEST_FROM, KNITS_REWRITE_TEST_TO,
	  true, 0xfedcba98, 0x00c0ffee, 1, KNITS_REWRITE_TEST_SACK_BASE },
	{ "ts off, sack blocks as they were", "nop,nop,ts,nop,nop,sack2",
	  KNITS_REWRITE_TEST_FROM, KNITS_REWRITE_TEST_TO,
	  false, 0, 0, 2 },
	{ "every field rewritten to itself", "nop,nop,ts,nop,nop,sack3",
	  KNITS_REWRITE_TEST_FROM, KNITS_REWRITE_TEST_FROM,
	  true, KNITS_REWRITE_TEST_TSVAL, KNITS_REWRITE_TEST_TSECR, 3 },
};

static const u8
knits_rewrite_test_field_slots[ARRAY_SIZE(knits_rewrite_test_field_cases) *
			       KNITS_REWRITE_TEST_VARIANTS];

static const struct knits_rewrite_test_table knits_rewrite_test_field_table = {
	.cases = knits_rewrite_test_field_cases,
	.ncases = ARRAY_SIZE(knits_rewrite_test_field_cases),
	.slots = knits_rewrite_test_field_slots,
};

static const void *knits_rewrite_test_fields_gen_params(const void *prev,
							char *desc)
{
	return knits_rewrite_test_gen(&knits_rewrite_test_field_table, prev,
				      desc);
}

static void knits_rewrite_test_fields(struct kunit *test)
{
	knits_rewrite_test_variant(test, &knits_rewrite_test_field_table);
}

/*
 * The TCP checksum 0 before or after the rewrite: the value a fresh
 * computation gives where an incremental update could leave -0 (0xffff).
 */
static const struct knits_rewrite_test_case knits_rewrite_test_zero_cases[] = {
	{ "checksum 0 before", "nop,nop,ts,nop,nop,sack2",
	  KNITS_REWRITE_TEST_FROM, KNITS_REWRITE_TEST_TO,
	  true, 0xfedcba98, 0x00c0ffee, 1, KNITS_REWRITE_TEST_SACK_BASE,
	  KNITS_REWRITE_TEST_ZERO_BEFORE },
	{ "checksum 0 after", "nop,nop,ts,nop,nop,sack2",
	  KNITS_REWRITE_TEST_FROM, KNITS_REWRITE_TEST_TO,
	  true, 0xfedcba98, 0x00c0ffee, 1, KNITS_REWRITE_TEST_SACK_BASE,
	  KNITS_REWRITE_TEST_ZERO_AFTER },
	{ "checksum 0 after, sack to nops", "nop,ts,sack1,eol",
	  KNITS_REWRITE_TEST_FROM, KNITS_REWRITE_TEST_TO,
	  true, 0xfedcba98, 0x00c0ffee, 0, KNITS_REWRITE_TEST_SACK_BASE,
	  KNITS_REWRITE_TEST_ZERO_AFTER },
};

static const u8
knits_rewrite_test_zero_slots[ARRAY_SIZE(knits_rewrite_test_zero_cases) *
			      KNITS_REWRITE_TEST_VARIANTS];

static const struct knits_rewrite_test_table knits_rewrite_test_zero_table = {
	.cases = knits_rewrite_test_zero_cases,
	.ncases = ARRAY_SIZE(knits_rewrite_test_zero_cases),
	.slots = knits_rewrite_test_zero_slots,
};

static const void *knits_rewrite_test_zero_sum_gen_params(const void *prev,
							  char *desc)
{
	return knits_rewrite_test_gen(&knits_rewrite_test_zero_table, prev,
				      desc);
}

static void knits_rewrite_test_zero_sum(struct kunit *test)
{
	knits_rewrite_test_variant(test, &knits_rewrite_test_zero_table);
}

/*
 * Two rewrites in a row, as for two hand-offs: all 40 bytes of options
 * (timestamps, three SACK blocks of which two are kept, then all three),
 * FIN stripped, then seq wrapping and the window closed.
 */
static const struct knits_rewrite_test_case knits_rewrite_test_first = {
	.name = "first", .opts = "nop,nop,ts,nop,nop,sack3",
	.from = { 0x01020304, 0xa0b0c0d0,
		  TCPHDR_ACK | TCPHDR_PSH | TCPHDR_FIN, 0xfaf0 },
	.to = { 0x8badf00d, 0x600dcafe, TCPHDR_ACK | TCPHDR_PSH, 0x0102 },
	.ts = true, .tsval = 0xfedcba98, .tsecr = 0x00c0ffee,
	.sack_keep = 2, .sack_base = KNITS_REWRITE_TEST_SACK_BASE,
};

static const struct knits_rewrite_test_case knits_rewrite_test_second = {
	.name = "second", .opts = "nop,nop,ts,nop,nop,sack3",
	.to = { 0xfffffffe, 0x00000001, TCPHDR_ACK | TCPHDR_PSH, 0 },
	.ts = true, .tsval = 0x00000003, .tsecr = 0xfffffffd,
	.sack_keep = 3, .sack_base = 0x7ffff000,
};

/* The shape of an skb, and how its checksum arrives. */
struct knits_rewrite_test_param {
	const char *name;
	u8 family;
	u8 ip_summed;
	/* bytes of the TCP segment in the head, the rest in frags; 0: all */
	unsigned int tcp_head;
	/* no tailroom behind the head: a pull must reallocate it */
	bool tight;
	bool ip_opts;
	unsigned int paylen;
	/* GSO: the rewrite */
	const struct knits_rewrite_test_case *rw;
};

static void
knits_rewrite_test_desc(const struct knits_rewrite_test_param *param,
			char *desc)
{
	strscpy(desc, param->name, KUNIT_PARAM_DESC_SIZE);
}

/* The first and second rewrite of an skb shaped as the parameter says. */
static void knits_rewrite_test_run(struct kunit *test)
{
	const struct knits_rewrite_test_param *param = test->param_value;
	const struct knits_rewrite_test_case *first = &knits_rewrite_test_first;
	struct knits_test_pkt *pkt, *want;
	struct knits_rewrite_test_opts o;
	unsigned char *head;
	struct sk_buff *skb;
	skb_frag_t *frags;
	unsigned int nr;

	KUNIT_ASSERT_EQ(test, knits_rewrite_test_opts_build(first->opts, &o),
			0);
	pkt = knits_rewrite_test_make(test, param->family, param->ip_opts, &o,
				      &first->from, param->paylen);
	skb = knits_test_skb(test, pkt, param->ip_summed, param->tcp_head,
			     param->tight);
	knits_test_check(test, skb, pkt, param->ip_summed);
	head = skb->head;
	nr = skb_shinfo(skb)->nr_frags;
	frags = knits_test_frags(test, skb);

	want = knits_test_dup(test, pkt);
	knits_rewrite_test_step(test, skb, want, &o, first);
	knits_test_check(test, skb, want, param->ip_summed);
	if (param->tight) {
		/* the pull reallocated the head: the header was re-fetched */
		KUNIT_EXPECT_PTR_NE(test, skb->head, head);
		KUNIT_EXPECT_GE(test, skb_headlen(skb),
				want->thoff + knits_test_tcphlen(want));
	}

	knits_rewrite_test_step(test, skb, want, &o,
				&knits_rewrite_test_second);
	knits_test_check(test, skb, want, param->ip_summed);
	if (!param->tcp_head || param->tcp_head >= knits_test_tcphlen(want)) {
		/* only the head is written: the frags are the same pages */
		KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->nr_frags, nr);
		KUNIT_EXPECT_EQ(test, memcmp(frags, skb_shinfo(skb)->frags,
					     nr * sizeof(*frags)), 0);
	}
}

/* A linear skb. */
static const struct knits_rewrite_test_param
knits_rewrite_test_linear_params[] = {
	{ .name = "ipv4", .family = AF_INET,
	  .paylen = KNITS_REWRITE_TEST_SHORT },
	{ .name = "ipv4 with ip options", .family = AF_INET, .ip_opts = true,
	  .paylen = KNITS_REWRITE_TEST_SHORT },
	{ .name = "ipv6", .family = AF_INET6,
	  .paylen = KNITS_REWRITE_TEST_SHORT },
	{ .name = "ipv4 no payload", .family = AF_INET },
	{ .name = "ipv6 no payload", .family = AF_INET6 },
};

KUNIT_ARRAY_PARAM(knits_rewrite_test_linear, knits_rewrite_test_linear_params,
		  knits_rewrite_test_desc);

static void knits_rewrite_test_linear(struct kunit *test)
{
	knits_rewrite_test_run(test);
}

/* Headers in the head, the payload in page frags at odd offsets. */
static const struct knits_rewrite_test_param
knits_rewrite_test_paged_params[] = {
	{ .name = "ipv4", .family = AF_INET,
	  .tcp_head = KNITS_REWRITE_TEST_TCPHLEN,
	  .paylen = KNITS_REWRITE_TEST_LONG },
	{ .name = "ipv4 with ip options", .family = AF_INET, .ip_opts = true,
	  .tcp_head = KNITS_REWRITE_TEST_TCPHLEN,
	  .paylen = KNITS_REWRITE_TEST_LONG },
	{ .name = "ipv6", .family = AF_INET6,
	  .tcp_head = KNITS_REWRITE_TEST_TCPHLEN,
	  .paylen = KNITS_REWRITE_TEST_LONG },
	{ .name = "ipv6, one payload byte in the head", .family = AF_INET6,
	  .tcp_head = KNITS_REWRITE_TEST_TCPHLEN + 1,
	  .paylen = KNITS_REWRITE_TEST_LONG },
};

KUNIT_ARRAY_PARAM(knits_rewrite_test_paged, knits_rewrite_test_paged_params,
		  knits_rewrite_test_desc);

static void knits_rewrite_test_paged(struct kunit *test)
{
	knits_rewrite_test_run(test);
}

/*
 * The head ends inside the TCP header: in the fixed part (bytes 1 and 17),
 * in the TSval (27), in the second SACK block (45), before its last byte
 * (59). Tight heads have no tailroom, so skb_ensure_writable() must pull
 * into a new head. (CHECKSUM_PARTIAL needs the checksum field in the
 * head: not this shape.)
 */
static const struct knits_rewrite_test_param
knits_rewrite_test_split_params[] = {
	{ .name = "ipv4 at 1", .family = AF_INET, .tcp_head = 1,
	  .tight = true, .paylen = KNITS_REWRITE_TEST_LONG },
	{ .name = "ipv6 at 17", .family = AF_INET6, .tcp_head = 17,
	  .tight = true, .paylen = KNITS_REWRITE_TEST_LONG },
	{ .name = "ipv4 with ip options at 27", .family = AF_INET,
	  .ip_opts = true, .tcp_head = 27, .tight = true,
	  .paylen = KNITS_REWRITE_TEST_LONG },
	{ .name = "ipv6 at 45", .family = AF_INET6, .tcp_head = 45,
	  .tight = true, .paylen = KNITS_REWRITE_TEST_LONG },
	{ .name = "ipv4 at 59", .family = AF_INET, .tcp_head = 59,
	  .tight = true, .paylen = KNITS_REWRITE_TEST_LONG },
	{ .name = "ipv4 at 27, tailroom", .family = AF_INET, .tcp_head = 27,
	  .paylen = KNITS_REWRITE_TEST_LONG },
	{ .name = "ipv4 complete at 17", .family = AF_INET,
	  .ip_summed = CHECKSUM_COMPLETE, .tcp_head = 17, .tight = true,
	  .paylen = KNITS_REWRITE_TEST_LONG },
	{ .name = "ipv6 complete at 27", .family = AF_INET6,
	  .ip_summed = CHECKSUM_COMPLETE, .tcp_head = 27, .tight = true,
	  .paylen = KNITS_REWRITE_TEST_LONG },
	{ .name = "ipv4 complete at 45", .family = AF_INET,
	  .ip_summed = CHECKSUM_COMPLETE, .tcp_head = 45, .tight = true,
	  .paylen = KNITS_REWRITE_TEST_LONG },
};

KUNIT_ARRAY_PARAM(knits_rewrite_test_split, knits_rewrite_test_split_params,
		  knits_rewrite_test_desc);

static void knits_rewrite_test_split_header(struct kunit *test)
{
	knits_rewrite_test_run(test);
}

/* CHECKSUM_PARTIAL, as from veth or a GSO packet. */
static const struct knits_rewrite_test_param
knits_rewrite_test_partial_params[] = {
	{ .name = "ipv4 linear", .family = AF_INET,
	  .ip_summed = CHECKSUM_PARTIAL, .paylen = KNITS_REWRITE_TEST_SHORT },
	{ .name = "ipv6 linear", .family = AF_INET6,
	  .ip_summed = CHECKSUM_PARTIAL, .paylen = KNITS_REWRITE_TEST_SHORT },
	{ .name = "ipv4 paged", .family = AF_INET,
	  .ip_summed = CHECKSUM_PARTIAL,
	  .tcp_head = KNITS_REWRITE_TEST_TCPHLEN,
	  .paylen = KNITS_REWRITE_TEST_LONG },
	{ .name = "ipv6 paged", .family = AF_INET6,
	  .ip_summed = CHECKSUM_PARTIAL,
	  .tcp_head = KNITS_REWRITE_TEST_TCPHLEN,
	  .paylen = KNITS_REWRITE_TEST_LONG },
};

KUNIT_ARRAY_PARAM(knits_rewrite_test_partial, knits_rewrite_test_partial_params,
		  knits_rewrite_test_desc);

static void knits_rewrite_test_partial_csum(struct kunit *test)
{
	knits_rewrite_test_run(test);
}

/* CHECKSUM_COMPLETE, skb->csum from the network header on. */
static const struct knits_rewrite_test_param
knits_rewrite_test_complete_params[] = {
	{ .name = "ipv4 linear", .family = AF_INET,
	  .ip_summed = CHECKSUM_COMPLETE, .paylen = KNITS_REWRITE_TEST_SHORT },
	{ .name = "ipv6 linear", .family = AF_INET6,
	  .ip_summed = CHECKSUM_COMPLETE, .paylen = KNITS_REWRITE_TEST_SHORT },
	{ .name = "ipv4 paged", .family = AF_INET,
	  .ip_summed = CHECKSUM_COMPLETE,
	  .tcp_head = KNITS_REWRITE_TEST_TCPHLEN,
	  .paylen = KNITS_REWRITE_TEST_LONG },
	{ .name = "ipv6 paged", .family = AF_INET6,
	  .ip_summed = CHECKSUM_COMPLETE,
	  .tcp_head = KNITS_REWRITE_TEST_TCPHLEN,
	  .paylen = KNITS_REWRITE_TEST_LONG },
};

KUNIT_ARRAY_PARAM(knits_rewrite_test_complete,
		  knits_rewrite_test_complete_params, knits_rewrite_test_desc);

static void knits_rewrite_test_complete_csum(struct kunit *test)
{
	knits_rewrite_test_run(test);
}

/* A clone shares the data; rewriting either leaves the other alone. */
static const struct knits_rewrite_test_param
knits_rewrite_test_clone_params[] = {
	{ .name = "ipv4 linear", .family = AF_INET,
	  .paylen = KNITS_REWRITE_TEST_SHORT },
	{ .name = "ipv6 linear complete", .family = AF_INET6,
	  .ip_summed = CHECKSUM_COMPLETE, .paylen = KNITS_REWRITE_TEST_SHORT },
	{ .name = "ipv6 paged complete", .family = AF_INET6,
	  .ip_summed = CHECKSUM_COMPLETE,
	  .tcp_head = KNITS_REWRITE_TEST_TCPHLEN,
	  .paylen = KNITS_REWRITE_TEST_LONG },
	{ .name = "ipv4 paged partial", .family = AF_INET,
	  .ip_summed = CHECKSUM_PARTIAL,
	  .tcp_head = KNITS_REWRITE_TEST_TCPHLEN,
	  .paylen = KNITS_REWRITE_TEST_LONG },
};

KUNIT_ARRAY_PARAM(knits_rewrite_test_clone, knits_rewrite_test_clone_params,
		  knits_rewrite_test_desc);

static void knits_rewrite_test_clone(struct kunit *test)
{
	const struct knits_rewrite_test_param *param = test->param_value;
	const struct knits_rewrite_test_case *first = &knits_rewrite_test_first;
	struct knits_test_pkt *pkt, *want_clone, *want_orig;
	struct knits_rewrite_test_opts o;
	struct sk_buff *skb, *clone;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, knits_rewrite_test_opts_build(first->opts, &o),
			0);
	pkt = knits_rewrite_test_make(test, param->family, param->ip_opts, &o,
				      &first->from, param->paylen);
	skb = knits_test_skb(test, pkt, param->ip_summed, param->tcp_head,
			     param->tight);
	clone = knits_test_track(test, skb_clone(skb, GFP_KERNEL));
	KUNIT_ASSERT_TRUE(test, skb_cloned(clone));
	KUNIT_ASSERT_PTR_EQ(test, clone->head, skb->head);

	want_clone = knits_test_dup(test, pkt);
	knits_rewrite_test_step(test, clone, want_clone, &o, first);
	knits_test_check(test, clone, want_clone, param->ip_summed);
	KUNIT_EXPECT_PTR_NE(test, clone->head, skb->head);
	knits_test_check(test, skb, pkt, param->ip_summed);

	want_orig = knits_test_dup(test, pkt);
	knits_rewrite_test_step(test, skb, want_orig, &o,
				&knits_rewrite_test_second);
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
 * GSO: segment i of the rewritten super-packet @want, as
 * tcp_gso_segment() and inet_gso_segment()/ipv6_gso_segment() cut it at
 * @off, @n payload bytes: seq moved on by @off, FIN and PSH only on the
 * last segment, CWR only on the first, the IPv4 ID counting up, the
 * lengths and checksums its own.
 */
static struct knits_test_pkt *
knits_rewrite_test_gso_seg(struct kunit *test,
			   const struct knits_test_pkt *want, unsigned int i,
			   bool last, unsigned int off, unsigned int n)
{
	unsigned int hlen = want->thoff + knits_test_tcphlen(want);
	struct knits_test_pkt *s = knits_test_dup(test, want);
	struct tcphdr *th;

	s->len = hlen + n;
	memcpy(s->b + hlen, want->b + hlen + off, n);
	if (s->family == AF_INET) {
		struct iphdr *iph = (struct iphdr *)s->b;

		iph->tot_len = htons(s->len);
		iph->id = htons(ntohs(iph->id) + i);
	} else {
		((struct ipv6hdr *)s->b)->payload_len =
			htons(s->len - s->thoff);
	}
	th = knits_test_th(s);
	th->seq = htonl(ntohl(th->seq) + off);
	if (!last)
		tcp_flag_byte(th) &= ~(TCPHDR_FIN | TCPHDR_PSH);
	if (i)
		tcp_flag_byte(th) &= ~TCPHDR_CWR;
	knits_test_fill(s);
	return s;
}

static const struct knits_rewrite_test_case knits_rewrite_test_gso_ts = {
	.name = "gso ts", .opts = "nop,nop,ts",
	.from = { 0x01020304, 0xa0b0c0d0,
		  TCPHDR_ACK | TCPHDR_PSH | TCPHDR_FIN, 0xfaf0 },
	.to = { 0xfffffe00, 0x600dcafe, TCPHDR_ACK | TCPHDR_PSH, 0x0102 },
	.ts = true, .tsval = 0xfedcba98, .tsecr = 0x00c0ffee,
};

static const struct knits_rewrite_test_param
knits_rewrite_test_gso_params[] = {
	{ .name = "ipv4 ts", .family = AF_INET,
	  .ip_summed = CHECKSUM_PARTIAL, .tcp_head = KNITS_REWRITE_TEST_TS_HLEN,
	  .paylen = KNITS_REWRITE_TEST_LONG, .rw = &knits_rewrite_test_gso_ts },
	{ .name = "ipv6 ts", .family = AF_INET6,
	  .ip_summed = CHECKSUM_PARTIAL, .tcp_head = KNITS_REWRITE_TEST_TS_HLEN,
	  .paylen = KNITS_REWRITE_TEST_LONG, .rw = &knits_rewrite_test_gso_ts },
	{ .name = "ipv4 ts and sack, fin stripped", .family = AF_INET,
	  .ip_summed = CHECKSUM_PARTIAL,
	  .tcp_head = KNITS_REWRITE_TEST_TCPHLEN,
	  .paylen = KNITS_REWRITE_TEST_LONG, .rw = &knits_rewrite_test_first },
	{ .name = "ipv6 ts and sack, seq wraps", .family = AF_INET6,
	  .ip_summed = CHECKSUM_PARTIAL,
	  .tcp_head = KNITS_REWRITE_TEST_TCPHLEN,
	  .paylen = KNITS_REWRITE_TEST_LONG, .rw = &knits_rewrite_test_second },
};

KUNIT_ARRAY_PARAM(knits_rewrite_test_gso, knits_rewrite_test_gso_params,
		  knits_rewrite_test_desc);

/*
 * A CHECKSUM_PARTIAL super-packet is rewritten, then cut by the kernel's
 * GSO for a device without checksum offload: every segment carries the
 * new numbers, window and options, and a checksum of its own.
 */
static void knits_rewrite_test_gso(struct kunit *test)
{
	const struct knits_rewrite_test_param *param = test->param_value;
	unsigned int i, n, nsegs = 0, off = 0;
	struct sk_buff *skb, *segs, *seg, *next, *list[4];
	struct knits_test_pkt *pkt, *want, *exp;
	struct knits_rewrite_test_opts o;

	KUNIT_ASSERT_EQ(test, knits_rewrite_test_opts_build(param->rw->opts,
							    &o),
			0);
	pkt = knits_rewrite_test_make(test, param->family, false, &o,
				      &knits_rewrite_test_first.from,
				      param->paylen);
	KUNIT_ASSERT_EQ(test, param->tcp_head, knits_test_tcphlen(pkt));
	skb = knits_test_skb(test, pkt, param->ip_summed, param->tcp_head,
			     false);
	skb_shinfo(skb)->gso_size = KNITS_REWRITE_TEST_MSS;
	skb_shinfo(skb)->gso_segs = DIV_ROUND_UP(param->paylen,
						 KNITS_REWRITE_TEST_MSS);
	skb_shinfo(skb)->gso_type = param->family == AF_INET ? SKB_GSO_TCPV4 :
							       SKB_GSO_TCPV6;

	want = knits_test_dup(test, pkt);
	knits_rewrite_test_step(test, skb, want, &o, param->rw);
	/* knits_test_check() would complete the checksum: not for GSO */
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
						  KNITS_REWRITE_TEST_MSS));
	for (i = 0; i < nsegs; i++) {
		seg = list[i];
		KUNIT_ASSERT_EQ(test, skb_network_offset(seg), 0);
		n = min_t(unsigned int, param->paylen - off,
			  KNITS_REWRITE_TEST_MSS);
		exp = knits_rewrite_test_gso_seg(test, want, i, i == nsegs - 1,
						 off, n);
		KUNIT_ASSERT_EQ(test, seg->len, exp->len);
		KUNIT_EXPECT_EQ(test, (u8)seg->ip_summed, CHECKSUM_NONE);
		knits_test_expect_pkt(test, knits_test_bytes(test, seg), exp);
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

/*
 * Too short for the TCP header (cut in its fixed part or in its options):
 * -ENOMEM, and the packet is left alone.
 */
static const struct knits_rewrite_test_param
knits_rewrite_test_short_params[] = {
	{ .name = "ipv4 cut at 19", .family = AF_INET, .tcp_head = 19 },
	{ .name = "ipv6 cut at 19", .family = AF_INET6, .tcp_head = 19 },
	{ .name = "ipv4 cut at 59", .family = AF_INET, .tcp_head = 59 },
	{ .name = "ipv6 cut at 40", .family = AF_INET6, .tcp_head = 40 },
};

KUNIT_ARRAY_PARAM(knits_rewrite_test_short, knits_rewrite_test_short_params,
		  knits_rewrite_test_desc);

static void knits_rewrite_test_short(struct kunit *test)
{
	const struct knits_rewrite_test_param *param = test->param_value;
	const struct knits_rewrite_test_case *first = &knits_rewrite_test_first;
	struct knits_splice_out out = {
		.flags = first->to.flags,
		.seq = first->to.seq,
		.ack = first->to.ack,
		.win = first->to.win,
		.ts = first->ts,
		.tsval = first->tsval,
		.tsecr = first->tsecr,
		.sack_keep = first->sack_keep,
	};
	struct knits_rewrite_test_opts o;
	struct knits_test_pkt *pkt;
	struct knits_tcp_seg seg;
	unsigned int len;
	struct sk_buff *skb;

	KUNIT_ASSERT_EQ(test, knits_rewrite_test_opts_build(first->opts, &o),
			0);
	pkt = knits_rewrite_test_make(test, param->family, false, &o,
				      &first->from, 0);
	knits_rewrite_test_seg(test, pkt, &o, first, &seg);
	skb = knits_test_skb(test, pkt, CHECKSUM_NONE, 0, false);
	len = pkt->thoff + param->tcp_head;
	skb_trim(skb, len);
	KUNIT_EXPECT_EQ(test, knits_tcp_rewrite(skb, pkt->thoff, &seg, &out),
			-ENOMEM);
	KUNIT_ASSERT_EQ(test, skb->len, len);
	KUNIT_EXPECT_EQ(test, memcmp(knits_test_bytes(test, skb), pkt->b, len),
			0);
}

static struct kunit_case knits_rewrite_test_cases[] = {
	KUNIT_CASE_PARAM(knits_rewrite_test_options,
			 knits_rewrite_test_options_gen_params),
	KUNIT_CASE_PARAM(knits_rewrite_test_fields,
			 knits_rewrite_test_fields_gen_params),
	KUNIT_CASE_PARAM(knits_rewrite_test_zero_sum,
			 knits_rewrite_test_zero_sum_gen_params),
	KUNIT_CASE_PARAM(knits_rewrite_test_linear,
			 knits_rewrite_test_linear_gen_params),
	KUNIT_CASE_PARAM(knits_rewrite_test_paged,
			 knits_rewrite_test_paged_gen_params),
	KUNIT_CASE_PARAM(knits_rewrite_test_split_header,
			 knits_rewrite_test_split_gen_params),
	KUNIT_CASE_PARAM(knits_rewrite_test_partial_csum,
			 knits_rewrite_test_partial_gen_params),
	KUNIT_CASE_PARAM(knits_rewrite_test_complete_csum,
			 knits_rewrite_test_complete_gen_params),
	KUNIT_CASE_PARAM(knits_rewrite_test_clone,
			 knits_rewrite_test_clone_gen_params),
	KUNIT_CASE_PARAM(knits_rewrite_test_gso,
			 knits_rewrite_test_gso_gen_params),
	KUNIT_CASE_PARAM(knits_rewrite_test_short,
			 knits_rewrite_test_short_gen_params),
	{}
};

static struct kunit_suite knits_rewrite_test_suite = {
	.name = "knits_tcp_rewrite",
	.test_cases = knits_rewrite_test_cases,
};

kunit_test_suite(knits_rewrite_test_suite);

MODULE_LICENSE("Dual MIT/GPL");
