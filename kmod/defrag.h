/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * IP defragmentation before knits' hook, so the packet path always sees a
 * whole TCP header. Enabled per namespace with its first service, as
 * conntrack and IPVS enable it; a namespace without services pays nothing.
 */

#ifndef _KNITS_DEFRAG_H
#define _KNITS_DEFRAG_H

#include <net/net_namespace.h>

/* Under the genl mutex. */
int knits_defrag_enable(struct net *net);
/* Namespace teardown. */
void knits_defrag_disable(struct net *net);

#endif /* _KNITS_DEFRAG_H */
