// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 */

#include <net/netfilter/ipv4/nf_defrag_ipv4.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>

#include "defrag.h"
#include "pernet.h"

int knits_defrag_enable(struct net *net)
{
	struct knits_net *kn = knits_pernet(net);
	int err;

	if (kn->defrag)
		return 0;
	err = nf_defrag_ipv4_enable(net);
	if (err)
		return err;
#if IS_ENABLED(CONFIG_NF_DEFRAG_IPV6)
	err = nf_defrag_ipv6_enable(net);
	if (err) {
		nf_defrag_ipv4_disable(net);
		return err;
	}
#endif
	kn->defrag = true;
	return 0;
}

void knits_defrag_disable(struct net *net)
{
	struct knits_net *kn = knits_pernet(net);

	if (!kn->defrag)
		return;
#if IS_ENABLED(CONFIG_NF_DEFRAG_IPV6)
	nf_defrag_ipv6_disable(net);
#endif
	nf_defrag_ipv4_disable(net);
	kn->defrag = false;
}
