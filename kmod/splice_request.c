// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Installing a splice (KNITS_CMD_SPLICE). The switch point must be exact:
 * every packet of c1 either was counted in the client's side before the
 * splice was published, and went to the node, or finds the splice. Both
 * happen under c1's lock (knits_conn_update()), which the first splice
 * holds while it reads the sides and publishes; later splices hold the
 * splice's own lock, which every spliced packet takes. c2's lock is held
 * too, so its sides are read whole and it cannot be spliced twice.
 */


#include "emit.h"
#include "pernet.h"
#include "splice.h"

/*
 * c2 may still be in SYN_RECV: the node's kernel sent the handshake's last
 * ACK just before the node asked, and it has not crossed the gateway yet
 * (the request can overtake it). The SYN and SYN|ACK passed, so both ISNs
 * and options are known; the core forwards that ACK when it comes.
 */
static bool knits_c2_state_ok(u8 state)
{
	return state == KNITS_TCP_ESTABLISHED || state == KNITS_TCP_SYN_RECV;
}

/* c1, a client's connection never spliced, may be; under c1's lock. */
static int knits_splice_c1_first(const struct knits_conn *c1)
{
	if (c1->dead)
		return KNITS_SPLICE_NO_C1;
	if (c1->splice)
		return KNITS_SPLICE_NOT_SERVING;
	if (c1->state != KNITS_TCP_ESTABLISHED)
		return KNITS_SPLICE_C1_CLOSED;
	return KNITS_SPLICE_OK;
}

/* c1, a leg of @sp, may be spliced on; under the splice's lock. */
static int knits_splice_c1_next(struct knits_splice *sp,
				const struct knits_conn *c1)
{
	if (c1->leg != knits_splice_current(&sp->st))
		return KNITS_SPLICE_NOT_SERVING;
	return KNITS_SPLICE_OK;
}

/* Under both connections' locks. */
static int knits_splice_first(struct knits_splice *sp, struct knits_conn *c1,
			      struct knits_conn *c2, u64 t, u64 s, s64 *p)
{
	int status = knits_splice_c1_first(c1);

	if (status != KNITS_SPLICE_OK)
		return status;
	if (c2->dead)
		return KNITS_SPLICE_NO_C2;
	if (c2->splice || !knits_c2_state_ok(c2->state))
		return KNITS_SPLICE_C2_NOT_FRESH;
	knits_splice_init(&sp->st, &c1->side[KNITS_DIR_ORIG],
			  &c1->side[KNITS_DIR_REPLY]);
	sp->st.up_fin = c1->side[KNITS_DIR_ORIG].flags & KNITS_SIDE_FIN;
	sp->st.down_fin = c1->side[KNITS_DIR_REPLY].flags & KNITS_SIDE_FIN;
	return knits_splice_add(&sp->st, &c2->side[KNITS_DIR_ORIG],
				&c2->side[KNITS_DIR_REPLY], t, s, p);
}

/* Under the splice's lock and c2's. */
static int knits_splice_next(struct knits_splice *sp, struct knits_conn *c1,
			     struct knits_conn *c2, u64 t, u64 s, s64 *p)
{
	int status = knits_splice_c1_next(sp, c1);

	if (status != KNITS_SPLICE_OK)
		return status;
	if (c2->dead)
		return KNITS_SPLICE_NO_C2;
	if (c2->splice || !knits_c2_state_ok(c2->state))
		return KNITS_SPLICE_C2_NOT_FRESH;
	return knits_splice_add(&sp->st, &c2->side[KNITS_DIR_ORIG],
				&c2->side[KNITS_DIR_REPLY], t, s, p);
}

/*
 * Makes c2 leg @k of @sp, c1's service's (c2 was the service's whose
 * member it reached: deleting that one must not end another's splice);
 * under the locks that published the change.
 */
static void knits_splice_link(struct knits_splice *sp, struct knits_conn *c1,
			      struct knits_conn *c2, u32 k)
{
	sp->node[knits_leg_slot(k)] = c2->ent[KNITS_DIR_REPLY].tuple;
	refcount_inc(&sp->ref);
	c2->leg = k;
	WRITE_ONCE(c2->svc, READ_ONCE(c1->svc));
	/* publish after the state: packets load it with acquire */
	smp_store_release(&c2->splice, sp);
}

/*
 * The connection the node serves (@t1 as the node sends on it), or
 * KNITS_SPLICE_NO_C1: a client's connection or a leg of a splice. Under
 * rcu_read_lock().
 */
static int knits_splice_find_c1(struct knits_net *kn,
				const struct knits_tuple *t1,
				struct knits_conn **c1)
{
	struct knits_conn_ent *e1 = knits_conn_lookup(&kn->conns, t1);

	/* the node serves c1: it sends on its reply direction */
	if (!e1 || e1->dir != KNITS_DIR_REPLY)
		return KNITS_SPLICE_NO_C1;
	*c1 = knits_ent_conn(e1);
	/* acquire: pairs with the release that published a splice */
	if (!smp_load_acquire(&(*c1)->splice) &&
	    (*c1)->kind != KNITS_CONN_CLIENT)
		return KNITS_SPLICE_NO_C1;
	return KNITS_SPLICE_OK;
}

/*
 * The connections named by the request, or the reason there are none.
 * Under rcu_read_lock().
 */
static int knits_splice_find(struct knits_net *kn, const struct knits_tuple *t1,
			     const struct knits_tuple *t2,
			     struct knits_conn **c1, struct knits_conn **c2)
{
	struct knits_conn_ent *e2;
	int status = knits_splice_find_c1(kn, t1, c1);

	if (status != KNITS_SPLICE_OK)
		return status;
	e2 = knits_conn_lookup(&kn->conns, t2);
	/* the node opened c2: it sends on its original direction */
	if (!e2 || e2->dir != KNITS_DIR_ORIG)
		return KNITS_SPLICE_NO_C2;
	*c2 = knits_ent_conn(e2);
	if ((*c2)->kind != KNITS_CONN_NODE || *c1 == *c2)
		return KNITS_SPLICE_NO_C2;
	if (t1->family != t2->family || !knits_addr_equal(&t1->src, &t2->src))
		return KNITS_SPLICE_C2_SOURCE;
	return KNITS_SPLICE_OK;
}

int knits_splice_request(struct net *net, const struct knits_tuple *t1,
			 const struct knits_tuple *t2, u64 t, u64 s, s64 *p)
{
	struct knits_net *kn = knits_pernet(net);
	struct knits_splice *fresh, *sp;
	struct knits_conn *c1, *c2;
	struct knits_tuple fin_to;
	struct knits_emit fin;
	bool resent = false;
	int status;
	u32 k;

	fresh = knits_splice_alloc();
	if (!fresh) {
		status = KNITS_SPLICE_NOMEM;
		goto count;
	}
	rcu_read_lock();
	status = knits_splice_find(kn, t1, t2, &c1, &c2);
	if (status != KNITS_SPLICE_OK)
		goto unlock;
	/* acquire: pairs with the release that published a splice */
	sp = smp_load_acquire(&c1->splice);
	if (!sp) {
		sp = fresh;
		spin_lock_bh(&c1->lock);
		spin_lock_nested(&c2->lock, SINGLE_DEPTH_NESTING);
		status = knits_splice_first(sp, c1, c2, t, s, p);
		if (status == KNITS_SPLICE_OK) {
			spin_lock_init(&sp->lock);
			refcount_set(&sp->ref, 1);
			sp->net = net;
			sp->client = c1->ent[KNITS_DIR_ORIG].tuple;
			sp->node[0] = c1->ent[KNITS_DIR_REPLY].tuple;
			c1->leg = 0;
			knits_splice_link(sp, c1, c2, 1);
			/* publish after the state: packets load it with acquire */
			smp_store_release(&c1->splice, sp);
			fresh = NULL;
		}
		spin_unlock(&c2->lock);
		spin_unlock_bh(&c1->lock);
	} else {
		spin_lock_bh(&sp->lock);
		spin_lock_nested(&c2->lock, SINGLE_DEPTH_NESTING);
		resent = c2->splice == sp &&
			 knits_splice_resent(&sp->st, c1->leg, c2->leg, t, s, p);
		if (resent) {
			status = KNITS_SPLICE_OK;
		} else {
			status = knits_splice_next(sp, c1, c2, t, s, p);
			if (status == KNITS_SPLICE_OK)
				knits_splice_link(sp, c1, c2,
						  knits_splice_current(&sp->st));
		}
		spin_unlock(&c2->lock);
		spin_unlock_bh(&sp->lock);
	}
	if (status == KNITS_SPLICE_OK && !resent) {
		/* the node that handed off reads its copy of c1 to here */
		spin_lock_bh(&sp->lock);
		k = knits_splice_current(&sp->st) - 1;
		knits_splice_fin_to_node(&sp->st, k, &fin);
		knits_splice_emit_tuple(sp, &fin, &fin_to);
		spin_unlock_bh(&sp->lock);
		local_bh_disable();
		/* (the collector sends it again until the node answers) */
		knits_stats_inc(&kn->stats, knits_emit(net, &fin_to, &fin) ?
				KNITS_CTR_SPLICE_EMIT_FAILED :
				KNITS_CTR_SPLICE_SYNTHESIZED);
		local_bh_enable();
	}
unlock:
	rcu_read_unlock();
	if (fresh)
		knits_splice_free(fresh);
count:
	local_bh_disable();
	if (resent) {
		knits_stats_inc(&kn->stats, KNITS_CTR_SPLICES_RESENT);
	} else if (status == KNITS_SPLICE_OK) {
		knits_stats_inc(&kn->stats, KNITS_CTR_SPLICES);
	} else {
		knits_stats_inc(&kn->stats, KNITS_CTR_SPLICES_REFUSED);
		knits_stats_inc(&kn->stats, KNITS_CTR_SPLICES_REFUSED + status);
	}
	local_bh_enable();
	return status;
}

int knits_splice_prepare(struct net *net, const struct knits_tuple *t1)
{
	struct knits_net *kn = knits_pernet(net);
	struct knits_splice *sp;
	struct knits_conn *c1;
	int status;

	rcu_read_lock();
	status = knits_splice_find_c1(kn, t1, &c1);
	if (status != KNITS_SPLICE_OK)
		goto unlock;
	/* acquire: pairs with the release that published a splice */
	sp = smp_load_acquire(&c1->splice);
	if (!sp) {
		spin_lock_bh(&c1->lock);
		status = knits_splice_c1_first(c1);
		spin_unlock_bh(&c1->lock);
	} else {
		spin_lock_bh(&sp->lock);
		status = knits_splice_c1_next(sp, c1);
		spin_unlock_bh(&sp->lock);
	}
unlock:
	rcu_read_unlock();
	local_bh_disable();
	knits_stats_inc(&kn->stats, KNITS_CTR_PREPARES);
	local_bh_enable();
	return status;
}
