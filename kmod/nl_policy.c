// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Reply-only attributes (statistics, counts) have no policy entry, so
 * strict validation refuses them in requests. The ranges are not const
 * only because 6.1's struct nla_policy points at them without const.
 */

#include <linux/in.h>

#include "nl_policy.h"

static struct netlink_range_validation knits_mh_size_range = {
	.min = KNITS_MH_TABLE_SIZE_MIN,
	.max = KNITS_MH_TABLE_SIZE_MAX,
};

static struct netlink_range_validation knits_weight_range = {
	.max = KNITS_WEIGHT_MAX,
};

static struct netlink_range_validation knits_max_conns_range = {
	.min = 1,
	.max = KNITS_MAX_CONNS_LIMIT,
};

static struct netlink_range_validation knits_timeout_range = {
	.min = 1,
	.max = KNITS_TIMEOUT_MAX,
};

#define KNITS_ENDPOINT_POLICY(prefix)					\
	[prefix##_FAMILY] = { .type = NLA_U16 },			\
	[prefix##_ADDR] = NLA_POLICY_RANGE(NLA_BINARY, 4, 16),		\
	[prefix##_PORT] = NLA_POLICY_MIN(NLA_U16, 1)

const struct nla_policy knits_svc_policy[KNITS_SVC_A_MAX + 1] = {
	KNITS_ENDPOINT_POLICY(KNITS_SVC_A),
	[KNITS_SVC_A_PROTOCOL] = NLA_POLICY_RANGE(NLA_U8, IPPROTO_TCP,
						  IPPROTO_TCP),
	[KNITS_SVC_A_SCHED] = { .type = NLA_NUL_STRING,
				.len = KNITS_SCHED_NAME_MAX - 1 },
	[KNITS_SVC_A_MH_TABLE_SIZE] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&knits_mh_size_range),
	[KNITS_SVC_A_OWNER] = { .type = NLA_U32 },
};

const struct nla_policy knits_member_policy[KNITS_MEMBER_A_MAX + 1] = {
	KNITS_ENDPOINT_POLICY(KNITS_MEMBER_A),
	[KNITS_MEMBER_A_WEIGHT] = NLA_POLICY_FULL_RANGE(NLA_U32,
							&knits_weight_range),
	[KNITS_MEMBER_A_STATE] = NLA_POLICY_MAX(NLA_U8, KNITS_MEMBER_STATE_MAX),
};

const struct nla_policy knits_client_policy[KNITS_CLIENT_A_MAX + 1] = {
	[KNITS_CLIENT_A_FAMILY] = { .type = NLA_U16 },
	[KNITS_CLIENT_A_ADDR] = NLA_POLICY_RANGE(NLA_BINARY, 4, 16),
	[KNITS_CLIENT_A_PORT] = { .type = NLA_U16 },
};

#define KNITS_TIMEOUT_POLICY(state)					\
	[KNITS_CFG_A_TIMEOUT_##state] =					\
		NLA_POLICY_FULL_RANGE(NLA_U32, &knits_timeout_range)

const struct nla_policy knits_cfg_policy[KNITS_CFG_A_MAX + 1] = {
	[KNITS_CFG_A_MAX_CONNS] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&knits_max_conns_range),
	KNITS_TIMEOUT_POLICY(SYN_SENT),
	KNITS_TIMEOUT_POLICY(SYN_RECV),
	KNITS_TIMEOUT_POLICY(ESTABLISHED),
	KNITS_TIMEOUT_POLICY(FIN_WAIT),
	KNITS_TIMEOUT_POLICY(CLOSE_WAIT),
	KNITS_TIMEOUT_POLICY(LAST_ACK),
	KNITS_TIMEOUT_POLICY(TIME_WAIT),
	KNITS_TIMEOUT_POLICY(CLOSE),
	[KNITS_CFG_A_HASH_KEY] = NLA_POLICY_EXACT_LEN(KNITS_HASH_KEY_LEN),
};

const struct nla_policy knits_endpoint_policy[KNITS_EP_A_PORT + 1] = {
	KNITS_ENDPOINT_POLICY(KNITS_EP_A),
};

/* STATUS and P are reply-only */
const struct nla_policy knits_splice_policy[KNITS_SPLICE_A_MAX + 1] = {
	[KNITS_SPLICE_A_C1_LOCAL] = NLA_POLICY_NESTED(knits_endpoint_policy),
	[KNITS_SPLICE_A_C1_PEER] = NLA_POLICY_NESTED(knits_endpoint_policy),
	[KNITS_SPLICE_A_C2_LOCAL] = NLA_POLICY_NESTED(knits_endpoint_policy),
	[KNITS_SPLICE_A_C2_PEER] = NLA_POLICY_NESTED(knits_endpoint_policy),
	[KNITS_SPLICE_A_T] = { .type = NLA_U64 },
	[KNITS_SPLICE_A_S] = { .type = NLA_U64 },
};

/* c1 only: a prepare with c2, T or S is refused, not half read */
const struct nla_policy knits_prepare_policy[KNITS_SPLICE_A_MAX + 1] = {
	[KNITS_SPLICE_A_C1_LOCAL] = NLA_POLICY_NESTED(knits_endpoint_policy),
	[KNITS_SPLICE_A_C1_PEER] = NLA_POLICY_NESTED(knits_endpoint_policy),
};

const struct nla_policy knits_svc_cmd_policy[KNITS_A_MAX + 1] = {
	[KNITS_A_SERVICE] = NLA_POLICY_NESTED(knits_svc_policy),
};

const struct nla_policy knits_member_cmd_policy[KNITS_A_MAX + 1] = {
	[KNITS_A_SERVICE] = NLA_POLICY_NESTED(knits_svc_policy),
	[KNITS_A_MEMBER] = NLA_POLICY_NESTED(knits_member_policy),
};

const struct nla_policy knits_lookup_cmd_policy[KNITS_A_MAX + 1] = {
	[KNITS_A_SERVICE] = NLA_POLICY_NESTED(knits_svc_policy),
	[KNITS_A_CLIENT] = NLA_POLICY_NESTED(knits_client_policy),
};

const struct nla_policy knits_cfg_cmd_policy[KNITS_A_MAX + 1] = {
	[KNITS_A_CONFIG] = NLA_POLICY_NESTED(knits_cfg_policy),
};

const struct nla_policy knits_splice_cmd_policy[KNITS_A_MAX + 1] = {
	[KNITS_A_SPLICE] = NLA_POLICY_NESTED(knits_splice_policy),
};

const struct nla_policy knits_prepare_cmd_policy[KNITS_A_MAX + 1] = {
	[KNITS_A_SPLICE] = NLA_POLICY_NESTED(knits_prepare_policy),
};
