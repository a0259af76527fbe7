/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Per-network-namespace state of knits.ko, shared by its parts.
 */

#ifndef _KNITS_PERNET_H
#define _KNITS_PERNET_H

#include <linux/types.h>
#include <net/net_namespace.h>

#include "stats.h"

struct knits_net {
	struct knits_stats stats;
	/* enum knits_hook_flag bits of the hooks registered in this netns */
	u32 hooks;
};

struct knits_net *knits_pernet(const struct net *net);

#endif /* _KNITS_PERNET_H */
