// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 *
 * KUnit suite for the forgetting walk over an rhashtable
 * (kmod/rht_sweep.h): every object is visited while it is in the table,
 * whatever the batch between pauses, even when the walker is paused in
 * the middle of a long chain whose objects the sweep removes, and when a
 * visit removes the object the walker returns next.
 */

#include <kunit/test.h>
#include <linux/slab.h>

#include "rht_sweep.h"

#define OBJS 64
/* few buckets in use, so that chains are 8 long */
#define BUCKETS 8

struct sweep_obj {
	u32 key;
	struct rhash_head node;
	/* visits while in the table */
	unsigned int visits;
	bool hashed;
};

struct sweep_ctx {
	struct rhashtable ht;
	const struct rhashtable_params *params;
	struct sweep_obj objs[OBJS];
	/* forget only the odd keys */
	bool odd_only;
	/* forgetting a key forgets its pair (key ^ 1) too */
	bool pairs;
};

static u32 chain_hash(const void *data, u32 len, u32 seed)
{
	return *(const u32 *)data % BUCKETS;
}

/* pairs (2i, 2i+1) share a bucket, the later one ahead in the chain */
static u32 pair_hash(const void *data, u32 len, u32 seed)
{
	return *(const u32 *)data / 2 % BUCKETS;
}

#define SWEEP_PARAMS(fn) {					\
	.head_offset = offsetof(struct sweep_obj, node),	\
	.key_offset = offsetof(struct sweep_obj, key),		\
	.key_len = sizeof(u32),					\
	.hashfn = fn,						\
	/* room for all: no resize during the walk */		\
	.min_size = 2 * OBJS,					\
}

static const struct rhashtable_params chain_params = SWEEP_PARAMS(chain_hash);
static const struct rhashtable_params pair_params = SWEEP_PARAMS(pair_hash);

static struct sweep_ctx *sweep_ctx_new(struct kunit *test,
				       const struct rhashtable_params *params)
{
	struct sweep_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->params = params;
	KUNIT_ASSERT_EQ(test, rhashtable_init(&ctx->ht, params), 0);
	for (i = 0; i < OBJS; i++) {
		ctx->objs[i].key = i;
		KUNIT_ASSERT_EQ(test,
				rhashtable_insert_fast(&ctx->ht,
						       &ctx->objs[i].node,
						       *params), 0);
		ctx->objs[i].hashed = true;
	}
	return ctx;
}

static void sweep_forget(struct sweep_ctx *ctx, struct sweep_obj *o)
{
	if (!o->hashed)
		return;
	rhashtable_remove_fast(&ctx->ht, &o->node, *ctx->params);
	o->hashed = false;
}

static bool sweep_visit(void *obj, void *arg)
{
	struct sweep_ctx *ctx = arg;
	struct sweep_obj *o = obj;

	/* a pair's later member, already forgotten with the first */
	if (!o->hashed)
		return false;
	o->visits++;
	if (ctx->odd_only && !(o->key & 1))
		return false;
	sweep_forget(ctx, o);
	if (ctx->pairs)
		sweep_forget(ctx, &ctx->objs[o->key ^ 1]);
	return true;
}

static unsigned int sweep_run(struct sweep_ctx *ctx, unsigned int batch)
{
	const struct knits_rht_sweep sweep = {
		.ht = &ctx->ht,
		.params = ctx->params,
		.batch = batch,
		.complete = true,
		.visit = sweep_visit,
		.arg = ctx,
	};

	return knits_rht_sweep(&sweep);
}

/* batches from a pause at every object to none at all */
static const unsigned int batches[] = { 1, 2, 3, 5, 7, 8, 9, 63, 64, 1024 };

static void knits_rht_sweep_test_forgets_all(struct kunit *test)
{
	unsigned int b, i;

	for (b = 0; b < ARRAY_SIZE(batches); b++) {
		struct sweep_ctx *ctx = sweep_ctx_new(test, &chain_params);

		KUNIT_EXPECT_EQ_MSG(test, sweep_run(ctx, batches[b]), OBJS,
				    "batch %u", batches[b]);
		KUNIT_EXPECT_EQ(test, atomic_read(&ctx->ht.nelems), 0);
		for (i = 0; i < OBJS; i++)
			KUNIT_EXPECT_EQ_MSG(test, ctx->objs[i].visits, 1,
					    "batch %u key %u", batches[b], i);
		rhashtable_destroy(&ctx->ht);
	}
}

static void knits_rht_sweep_test_keeps_what_it_keeps(struct kunit *test)
{
	unsigned int b, i;

	for (b = 0; b < ARRAY_SIZE(batches); b++) {
		struct sweep_ctx *ctx = sweep_ctx_new(test, &chain_params);

		ctx->odd_only = true;
		KUNIT_EXPECT_EQ_MSG(test, sweep_run(ctx, batches[b]), OBJS / 2,
				    "batch %u", batches[b]);
		KUNIT_EXPECT_EQ(test, atomic_read(&ctx->ht.nelems), OBJS / 2);
		for (i = 0; i < OBJS; i++) {
			KUNIT_EXPECT_EQ_MSG(test, ctx->objs[i].visits, 1,
					    "batch %u key %u", batches[b], i);
			KUNIT_EXPECT_EQ(test, ctx->objs[i].hashed, !(i & 1));
			KUNIT_EXPECT_EQ(test,
					rhashtable_lookup_fast(&ctx->ht, &i,
							       chain_params) ==
					&ctx->objs[i], !(i & 1));
		}
		rhashtable_destroy(&ctx->ht);
	}
}

/*
 * Forgetting 2i+1 forgets 2i, which the walker returns next: a pause
 * there finds it gone, and the sweep starts over rather than trust where
 * the walker resumes.
 */
static void knits_rht_sweep_test_paused_at_forgotten(struct kunit *test)
{
	unsigned int b, i;

	for (b = 0; b < ARRAY_SIZE(batches); b++) {
		struct sweep_ctx *ctx = sweep_ctx_new(test, &pair_params);

		ctx->pairs = true;
		KUNIT_EXPECT_EQ_MSG(test, sweep_run(ctx, batches[b]), OBJS / 2,
				    "batch %u", batches[b]);
		KUNIT_EXPECT_EQ(test, atomic_read(&ctx->ht.nelems), 0);
		for (i = 0; i < OBJS; i++)
			KUNIT_EXPECT_EQ_MSG(test, ctx->objs[i].visits, i & 1,
					    "batch %u key %u", batches[b], i);
		rhashtable_destroy(&ctx->ht);
	}
}

static void knits_rht_sweep_test_empty_table(struct kunit *test)
{
	struct sweep_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->params = &chain_params;
	KUNIT_ASSERT_EQ(test, rhashtable_init(&ctx->ht, &chain_params), 0);
	KUNIT_EXPECT_EQ(test, sweep_run(ctx, 1), 0);
	rhashtable_destroy(&ctx->ht);
}

static struct kunit_case knits_rht_sweep_test_cases[] = {
	KUNIT_CASE(knits_rht_sweep_test_forgets_all),
	KUNIT_CASE(knits_rht_sweep_test_keeps_what_it_keeps),
	KUNIT_CASE(knits_rht_sweep_test_paused_at_forgotten),
	KUNIT_CASE(knits_rht_sweep_test_empty_table),
	{}
};

static struct kunit_suite knits_rht_sweep_test_suite = {
	.name = "knits_rht_sweep",
	.test_cases = knits_rht_sweep_test_cases,
};

kunit_test_suite(knits_rht_sweep_test_suite);

MODULE_LICENSE("Dual MIT/GPL");
