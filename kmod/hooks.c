// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Netfilter hooks, registered per network namespace.
 *
 * knits hooks PRE_ROUTING at KNITS_HOOK_PRIORITY: after defragmentation
 * (-400; enabled with a namespace's first service) and the raw table
 * (-300), so an operator's NOTRACK rules still apply, and before
 * connection tracking (-200), so that knits can take the packets it owns out
 * of conntrack's view (a spliced connection's sequence jump would otherwise
 * be judged INVALID by conntrack's window tracking) and rewrite them before
 * routing picks the new destination. packet.c does the work.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/skbuff.h>

#include "hooks.h"
#include "packet.h"
#include "pernet.h"

#define KNITS_HOOK_PRIORITY (NF_IP_PRI_RAW + 10)

static unsigned int knits_hook_pre_routing(void *priv, struct sk_buff *skb,
					   const struct nf_hook_state *state)
{
	struct knits_net *kn = knits_pernet(state->net);

	knits_stats_inc(&kn->stats, state->pf == NFPROTO_IPV4 ?
			KNITS_CTR_HOOK_PACKETS_IPV4 :
			KNITS_CTR_HOOK_PACKETS_IPV6);
	knits_stats_add(&kn->stats, KNITS_CTR_HOOK_BYTES, skb->len);
	/* a namespace that never had a service pays one check per packet */
	if (!READ_ONCE(kn->services.count) && !atomic_read(&kn->conns.count)) {
		knits_stats_inc(&kn->stats, KNITS_CTR_PASS_UNOWNED);
		return NF_ACCEPT;
	}
	return knits_packet(kn, skb, state);
}

static const struct nf_hook_ops knits_hook_ops[] = {
	{
		.hook		= knits_hook_pre_routing,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= KNITS_HOOK_PRIORITY,
	},
	{
		.hook		= knits_hook_pre_routing,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= KNITS_HOOK_PRIORITY,
	},
};

int knits_hooks_register(struct net *net)
{
	int err;

	err = nf_register_net_hooks(net, knits_hook_ops,
				    ARRAY_SIZE(knits_hook_ops));
	if (err)
		return err;
	knits_pernet(net)->hooks = KNITS_HOOK_IPV4_PRE_ROUTING |
				   KNITS_HOOK_IPV6_PRE_ROUTING;
	return 0;
}

void knits_hooks_unregister(struct net *net)
{
	nf_unregister_net_hooks(net, knits_hook_ops,
				ARRAY_SIZE(knits_hook_ops));
	knits_pernet(net)->hooks = 0;
}
