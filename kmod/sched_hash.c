// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * sh and mh: the member follows from a keyed hash of the client's address,
 * so a client keeps its member across connections and KNITS_CMD_LOOKUP can
 * say which member a client gets without making a connection.
 */

#include <linux/slab.h>

#include "core/maglev.h"
#include "sched_ops.h"

static u32 knits_hash_pick(struct knits_pool *pool, const struct knits_tuple *t,
			   const siphash_key_t *key)
{
	u16 slot;

	if (!pool->table_size)
		return KNITS_SCHED_NONE;
	slot = pool->table[knits_sched_client_hash(t, key) % pool->table_size];
	return slot == KNITS_MAGLEV_NONE ? KNITS_SCHED_NONE : slot;
}

static u32 knits_sh_table_size(const struct knits_svc *svc)
{
	return KNITS_SH_SIZE;
}

static int knits_sh_build(struct knits_pool *pool, const siphash_key_t *key,
			  struct netlink_ext_ack *extack)
{
	knits_sh_populate(pool->table, pool->weights, pool->n);
	return 0;
}

const struct knits_sched_ops knits_sched_sh = {
	.name = "sh",
	.hashing = true,
	.table_size = knits_sh_table_size,
	.build = knits_sh_build,
	.pick = knits_hash_pick,
};

static u32 knits_mh_table_size(const struct knits_svc *svc)
{
	return svc->mh_table_size;
}

/* A member's place in Maglev's permutations follows from its address and
 * port only, so it keeps its slots whatever else joins or leaves.
 */
static u64 knits_mh_member_hash(const struct knits_member *m,
				const siphash_key_t *key)
{
	struct {
		union knits_addr addr;
		__be16 port;
		u8 family;
		u8 pad;
	} id = {};

	id.addr = m->addr;
	id.port = m->port;
	id.family = m->family;
	return siphash(&id, sizeof(id), key);
}

static int knits_mh_build(struct knits_pool *pool, const siphash_key_t *key,
			  struct netlink_ext_ack *extack)
{
	struct knits_maglev_scratch *scratch;
	struct knits_maglev_member *mm;
	bool ok;
	u32 i;

	if (pool->n > KNITS_MAGLEV_MEMBERS_MAX) {
		NL_SET_ERR_MSG_MOD(extack, "too many members for mh");
		return -ENOSPC;
	}
	mm = kvcalloc(pool->n ?: 1, sizeof(*mm), GFP_KERNEL);
	scratch = kvcalloc(pool->n ?: 1, sizeof(*scratch), GFP_KERNEL);
	if (!mm || !scratch) {
		kvfree(mm);
		kvfree(scratch);
		return -ENOMEM;
	}
	for (i = 0; i < pool->n; i++) {
		u64 h = knits_mh_member_hash(pool->members[i], key);

		mm[i].offset_hash = (u32)h;
		mm[i].skip_hash = (u32)(h >> 32);
		mm[i].weight = pool->weights[i];
	}
	ok = knits_maglev_populate(pool->table, pool->table_size, mm, pool->n,
				   scratch);
	kvfree(mm);
	kvfree(scratch);
	if (!ok) {
		NL_SET_ERR_MSG_MOD(extack, "mh table size must be a prime in 7..131071");
		return -EINVAL;
	}
	return 0;
}

const struct knits_sched_ops knits_sched_mh = {
	.name = "mh",
	.hashing = true,
	.table_size = knits_mh_table_size,
	.build = knits_mh_build,
	.pick = knits_hash_pick,
};
