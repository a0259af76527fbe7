/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Attribute policies of the "knits" family, one top-level policy per group
 * of commands so that each command accepts exactly its own attributes.
 */

#ifndef _KNITS_NL_POLICY_H
#define _KNITS_NL_POLICY_H

#include <net/netlink.h>

#include "uapi/knits.h"

extern const struct nla_policy knits_svc_policy[KNITS_SVC_A_MAX + 1];
extern const struct nla_policy knits_member_policy[KNITS_MEMBER_A_MAX + 1];
extern const struct nla_policy knits_client_policy[KNITS_CLIENT_A_MAX + 1];
extern const struct nla_policy knits_cfg_policy[KNITS_CFG_A_MAX + 1];
extern const struct nla_policy knits_endpoint_policy[KNITS_EP_A_PORT + 1];
extern const struct nla_policy knits_splice_policy[KNITS_SPLICE_A_MAX + 1];
extern const struct nla_policy knits_prepare_policy[KNITS_SPLICE_A_MAX + 1];

/*
 * Top level: service commands, member commands, lookup, config, splice,
 * prepare.
 */
extern const struct nla_policy knits_svc_cmd_policy[KNITS_A_MAX + 1];
extern const struct nla_policy knits_member_cmd_policy[KNITS_A_MAX + 1];
extern const struct nla_policy knits_lookup_cmd_policy[KNITS_A_MAX + 1];
extern const struct nla_policy knits_cfg_cmd_policy[KNITS_A_MAX + 1];
extern const struct nla_policy knits_splice_cmd_policy[KNITS_A_MAX + 1];
extern const struct nla_policy knits_prepare_cmd_policy[KNITS_A_MAX + 1];

#endif /* _KNITS_NL_POLICY_H */
