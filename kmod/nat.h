/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Address and port rewriting of TCP packets, with checksums kept right for
 * every skb shape the gateway receives (see nat.c).
 */

#ifndef _KNITS_NAT_H
#define _KNITS_NAT_H

#include <linux/skbuff.h>

#include "tuple.h"

/* Which end of the packet to rewrite. */
enum knits_nat_end {
	KNITS_NAT_SRC,
	KNITS_NAT_DST,
};

/*
 * Rewrites the @end address and port of the TCP packet in @skb, whose TCP
 * header is @thoff bytes after the network header. Returns 0, or -ENOMEM
 * when the headers cannot be made writable (nothing changed then).
 */
int knits_nat_rewrite(struct sk_buff *skb, u8 family, unsigned int thoff,
		      enum knits_nat_end end, const union knits_addr *addr,
		      __be16 port);

#endif /* _KNITS_NAT_H */
