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

#include "pernet.h"

unsigned int knits_packet(struct knits_net *kn, struct sk_buff *skb,
			  const struct nf_hook_state *state);

#endif /* _KNITS_PACKET_H */
