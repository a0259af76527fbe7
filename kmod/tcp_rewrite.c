// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * The whole header (at most 60 bytes) is rewritten in place and the
 * checksum moved by the difference of its one's complement sums before
 * and after: one update however many fields changed, right whatever the
 * alignment of the options (the sums are over the same even offsets), and
 * inet_proto_csum_replace_by_diff() handles CHECKSUM_PARTIAL (the fields
 * are not in the pseudo-header: nothing to do, the sum is computed later
 * over the new bytes) and CHECKSUM_COMPLETE (the checksum field moves
 * opposite to the fields, so skb->csum stays right) as the kernel's own
 * nf_nat_seqadj does.
 */

#include <linux/tcp.h>
#include <net/checksum.h>

#include "core/tcp_state.h"
#include "tcp_rewrite.h"

static void knits_rewrite_opts(u8 *opts, const struct knits_tcp_seg *seg,
			       const struct knits_splice_out *out)
{
	const struct knits_tcp_opts *o = &seg->opts;
	u8 i, j;

	if (out->ts)
		knits_tcp_opts_put_ts(opts, o, out->tsval, out->tsecr);
	if (!o->nsack)
		return;
	if (!out->sack_keep) {
		knits_tcp_opts_nop_sack(opts, o);
		return;
	}
	/* blocks that were dropped repeat the last kept one: a duplicate
	 * block tells the receiver nothing new, and the option keeps its size
	 */
	for (i = 0; i < o->nsack; i++) {
		j = i < out->sack_keep ? i : out->sack_keep - 1;
		knits_tcp_opts_put_sack(opts, o, i, o->sack_start[j],
					o->sack_end[j]);
	}
}

int knits_tcp_rewrite(struct sk_buff *skb, unsigned int thoff,
		      const struct knits_tcp_seg *seg,
		      const struct knits_splice_out *out)
{
	unsigned int off = skb_network_offset(skb) + thoff, hlen;
	u8 old[sizeof(struct tcphdr) + KNITS_TCP_OPTS_MAX];
	struct tcphdr *th;
	__wsum diff;

	if (skb_ensure_writable(skb, off + sizeof(*th)))
		return -ENOMEM;
	hlen = ((struct tcphdr *)(skb->data + off))->doff * 4;
	if (skb_ensure_writable(skb, off + hlen))
		return -ENOMEM;
	th = (struct tcphdr *)(skb->data + off);
	memcpy(old, th, hlen);
	th->seq = htonl(out->seq);
	if (out->flags & KNITS_TCPF_ACK)
		th->ack_seq = htonl(out->ack);
	((u8 *)th)[13] = out->flags;
	th->window = htons(out->win);
	if (seg->has_opts)
		knits_rewrite_opts((u8 *)(th + 1), seg, out);
	diff = csum_sub(csum_partial(th, hlen, 0), csum_partial(old, hlen, 0));
	inet_proto_csum_replace_by_diff(&th->check, skb, diff, false, false);
	return 0;
}
