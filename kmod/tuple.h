/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Addresses and TCP 5-tuples as the flow table and the service table key
 * them: one layout for IPv4 and IPv6, compared and hashed as raw bytes, so
 * every byte (IPv4's unused address words, the padding) is zeroed first.
 */

#ifndef _KNITS_TUPLE_H
#define _KNITS_TUPLE_H

#include <linux/in6.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/types.h>

union knits_addr {
	__be32 ip;
	struct in6_addr in6;
	__be32 all[4];
};

struct knits_tuple {
	union knits_addr src;
	union knits_addr dst;
	__be16 sport;
	__be16 dport;
	/* AF_INET or AF_INET6 */
	u8 family;
	u8 pad[3];
};

static inline bool knits_addr_equal(const union knits_addr *a,
				    const union knits_addr *b)
{
	return !memcmp(a, b, sizeof(*a));
}

/* The length of an address of @family on the wire, 0 for other families. */
static inline unsigned int knits_addr_len(u8 family)
{
	return family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
}

#endif /* _KNITS_TUPLE_H */
