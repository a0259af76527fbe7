/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Scheduler plug-ins, in the style of IPVS's: one ops struct per scheduler,
 * found by name. A scheduler works on a service's pool (service.h): build
 * fills the pool's scheduler state once, when the pool is made, in process
 * context; pick chooses a member for a new connection on the packet path.
 * The decisions themselves are the freestanding core's (core/sched.h,
 * core/maglev.h), so userspace can replay them.
 */

#ifndef _KNITS_SCHED_OPS_H
#define _KNITS_SCHED_OPS_H

#include <linux/netlink.h>
#include <linux/siphash.h>

#include "service.h"

struct knits_sched_ops {
	const char *name;
	/* The choice depends on the client's address only (KNITS_CMD_LOOKUP). */
	bool hashing;
	/* Slots of the pool's table for @svc's settings; 0: no table. */
	u32 (*table_size)(const struct knits_svc *svc);
	int (*build)(struct knits_pool *pool, const siphash_key_t *key,
		     struct netlink_ext_ack *extack);
	/* Index into pool->members, or KNITS_SCHED_NONE. */
	u32 (*pick)(struct knits_pool *pool, const struct knits_tuple *t,
		    const siphash_key_t *key);
};

extern const struct knits_sched_ops knits_sched_rr;
extern const struct knits_sched_ops knits_sched_wrr;
extern const struct knits_sched_ops knits_sched_lc;
extern const struct knits_sched_ops knits_sched_sh;
extern const struct knits_sched_ops knits_sched_mh;

#define KNITS_SCHED_DEFAULT (&knits_sched_wrr)

const struct knits_sched_ops *knits_sched_find(const char *name);

/* The keyed hash of a client's address that sh and mh schedule by. */
u32 knits_sched_client_hash(const struct knits_tuple *t,
			    const siphash_key_t *key);

#endif /* _KNITS_SCHED_OPS_H */
