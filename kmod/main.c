// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * knits.ko: a cluster gateway doing node-initiated TCP connection hand-off
 * (KNITS) and transport-frame switching (Anypoint). See Documentation/.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/random.h>
#include <net/genetlink.h>
#include <net/netns/generic.h>

#include "conn.h"
#include "defrag.h"
#include "hooks.h"
#include "pernet.h"
#include "netlink.h"
#include "splice.h"
#include "version.h"

static unsigned int knits_net_id __read_mostly;

struct knits_net *knits_pernet(const struct net *net)
{
	return net_generic(net, knits_net_id);
}

static int __net_init knits_net_init(struct net *net)
{
	struct knits_net *kn = knits_pernet(net);
	int err;

	err = knits_stats_init(&kn->stats);
	if (err)
		return err;
	err = knits_svc_table_init(&kn->services);
	if (err)
		goto err_stats;
	err = knits_conn_table_init(&kn->conns);
	if (err)
		goto err_services;
	get_random_bytes(&kn->hash_key, sizeof(kn->hash_key));
	err = knits_hooks_register(net);
	if (err)
		goto err_conns;
	return 0;

err_conns:
	knits_conn_table_destroy(&kn->conns);
err_services:
	knits_svc_table_destroy(&kn->services);
err_stats:
	knits_stats_free(&kn->stats);
	return err;
}

/*
 * nf_unregister_net_hooks() does not wait for packets still inside a hook
 * (the old hook array is freed with call_rcu), so the hooks go in pre_exit
 * and what they touch is freed in exit: the netns core runs
 * synchronize_rcu() between the two.
 */
static void __net_exit knits_net_pre_exit(struct net *net)
{
	knits_hooks_unregister(net);
	knits_defrag_disable(net);
}

static void __net_exit knits_net_exit(struct net *net)
{
	struct knits_net *kn = knits_pernet(net);

	knits_conn_table_destroy(&kn->conns);
	knits_svc_table_destroy(&kn->services);
	knits_stats_free(&kn->stats);
}

static struct pernet_operations knits_net_ops = {
	.init = knits_net_init,
	.pre_exit = knits_net_pre_exit,
	.exit = knits_net_exit,
	.id = &knits_net_id,
	.size = sizeof(struct knits_net),
};

static int __init knits_init(void)
{
	int err;

	err = knits_conn_cache_init();
	if (err)
		return err;
	err = knits_splice_cache_init();
	if (err)
		goto err_conn_cache;
	err = register_pernet_subsys(&knits_net_ops);
	if (err)
		goto err_cache;
	err = knits_genl_init();
	if (err)
		goto err_pernet;
	pr_info("version %s loaded\n", KNITS_VERSION);
	return 0;

err_pernet:
	unregister_pernet_subsys(&knits_net_ops);
	rcu_barrier();
err_cache:
	knits_splice_cache_destroy();
err_conn_cache:
	knits_conn_cache_destroy();
	return err;
}

/*
 * The family goes first (unregistering it waits for requests in progress),
 * so no request can reach a namespace whose state is being torn down; then
 * every namespace's hooks, a grace period, and their state, whose last
 * frees run as RCU callbacks: rcu_barrier() waits for them before the
 * connection and splice caches and the module's code go.
 */
static void __exit knits_exit(void)
{
	knits_genl_uninit();
	unregister_pernet_subsys(&knits_net_ops);
	rcu_barrier();
	knits_conn_cache_destroy();
	knits_splice_cache_destroy();
	pr_info("unloaded\n");
}

module_init(knits_init);
module_exit(knits_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("The knits authors");
MODULE_DESCRIPTION("knits: node-initiated TCP splicing and frame switching gateway");
MODULE_VERSION(KNITS_VERSION);
MODULE_ALIAS_GENL_FAMILY(KNITS_GENL_NAME);
