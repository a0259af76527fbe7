/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Rewriting a spliced segment's TCP header: sequence and acknowledgment
 * numbers, flags, window, timestamps and SACK blocks, as core/splice.h
 * decided them, with the checksum updated for every skb shape.
 */

#ifndef _KNITS_TCP_REWRITE_H
#define _KNITS_TCP_REWRITE_H

#include <linux/skbuff.h>

#include "core/splice.h"

/* @thoff: the TCP header's offset from the network header. Returns 0 or
 * -ENOMEM when the header cannot be made writable (nothing changed).
 */
int knits_tcp_rewrite(struct sk_buff *skb, unsigned int thoff,
		      const struct knits_tcp_seg *seg,
		      const struct knits_splice_out *out);

#endif /* _KNITS_TCP_REWRITE_H */
