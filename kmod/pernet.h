/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Per-network-namespace state of knits.ko, shared by its parts.
 */

#ifndef _KNITS_PERNET_H
#define _KNITS_PERNET_H

#include <linux/siphash.h>
#include <linux/types.h>
#include <net/net_namespace.h>

#include "conn.h"
#include "service.h"
#include "stats.h"

struct knits_net {
	struct knits_stats stats;
	/* enum knits_hook_flag bits of the hooks registered in this netns */
	u32 hooks;
	/* nf_defrag_ipv4/6 enabled for this netns (with its first service) */
	bool defrag;
	struct knits_svc_table services;
	struct knits_conn_table conns;
	/* keys the sh and mh schedulers' hashes */
	siphash_key_t hash_key;
};

struct knits_net *knits_pernet(const struct net *net);

#endif /* _KNITS_PERNET_H */
