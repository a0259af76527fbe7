/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * The packet path of a TCP packet at PRE_ROUTING.
 */

#ifndef _KNITS_PACKET_H
#define _KNITS_PACKET_H

#include <linux/netfilter.h>
#include <linux/skbuff.h>
#include <net/netfilter/nf_conntrack.h>

#include "pernet.h"

/* Untracked packets pass conntrack (and NAT rules for other traffic) as
 * NOTRACK'ed ones do: a splice's sequence jump must not look INVALID.
 */
static inline void knits_untrack(struct sk_buff *skb)
{
#if IS_ENABLED(CONFIG_NF_CONNTRACK)
	nf_reset_ct(skb);
	nf_ct_set(skb, NULL, IP_CT_UNTRACKED);
#endif
}

int knits_route_input(struct sk_buff *skb, const struct nf_hook_state *state,
		      const union knits_addr *daddr);
unsigned int knits_packet(struct knits_net *kn, struct sk_buff *skb,
			  const struct nf_hook_state *state);

#endif /* _KNITS_PACKET_H */
