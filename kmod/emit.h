/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Segments the gateway makes itself: the FINs and ACKs that close a
 * splice's stale legs, and the ACK that answers a client's duplicate of a
 * retired leg's bytes (core/splice.h decides their fields).
 */

#ifndef _KNITS_EMIT_H
#define _KNITS_EMIT_H

#include <net/net_namespace.h>

#include "core/splice.h"
#include "tuple.h"

/*
 * Sends @e from @from's source to its destination (a tuple as a packet
 * would carry it) through the namespace's output path, untracked. Softirq
 * or bottom halves disabled. Returns 0 or a negative errno (the segment is
 * then lost, as on a lossy link; the splice sends it again).
 */
int knits_emit(struct net *net, const struct knits_tuple *from,
	       const struct knits_emit *e);

#endif /* _KNITS_EMIT_H */
