/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * knits: kernel/user ABI of the generic netlink family "knits".
 *
 * The family is resolved by name (KNITS_GENL_NAME) through the generic
 * netlink controller. It is network-namespace aware: every request acts on
 * the state of the namespace of the socket that sends it.
 *
 * Every command of the family is strictly validated: unknown attributes,
 * attributes of the wrong length or out of range, reserved genl header bits
 * and legacy nlmsg flags are rejected with -EINVAL and an extack message
 * (with the offending attribute's offset where there is one). The commands
 * below take no attributes at all. Commands
 * that change state need CAP_NET_ADMIN in the user namespace that owns the
 * network namespace (GENL_UNS_ADMIN_PERM); without it they fail with -EPERM.
 * Reading state needs no privilege.
 *
 * KNITS_CMD_GET_STATUS
 * --------------------
 *
 * A doit request with no attributes. The reply is a KNITS_CMD_GET_STATUS
 * message with:
 *
 *    KNITS_A_VERSION: NLA_NUL_STRING, the module's version ("0.1.0")
 *    KNITS_A_ABI_VERSION: NLA_U32, KNITS_ABI_VERSION of the running module
 *    KNITS_A_HOOKS: NLA_U32, a bit mask of enum knits_hook_flag telling which
 *                   netfilter hooks are registered in this namespace
 *    KNITS_A_COUNTERS: NLA_NESTED
 *        KNITS_CTR_*: NLA_U64, one attribute per counter, attribute type =
 *                     the counter's id from enum knits_counter. A reader
 *                     must skip ids it does not know: newer modules add
 *                     counters; ids are never reused or renumbered.
 *
 * Counters are per network namespace, summed over CPUs at the time of the
 * request, and only ever grow until KNITS_CMD_RESET_COUNTERS.
 *
 * KNITS_CMD_RESET_COUNTERS
 * ------------------------
 *
 * A doit request with no attributes; needs CAP_NET_ADMIN. Sets every
 * counter of the namespace to zero, as ipvsadm -Z does. The reply is an
 * ack (NLMSG_ERROR with error 0) when NLM_F_ACK is set.
 *
 * Versioning
 * ----------
 *
 * KNITS_GENL_VERSION is the generic netlink header version and stays 1.
 * KNITS_ABI_VERSION grows when a command or attribute is added; existing
 * commands, attributes and their meanings never change. A client compares
 * KNITS_A_ABI_VERSION with the version it was built against to know which
 * commands it may send.
 */

#ifndef _UAPI_KNITS_H
#define _UAPI_KNITS_H

#define KNITS_GENL_NAME "knits"
#define KNITS_GENL_VERSION 1
#define KNITS_ABI_VERSION 1

enum knits_cmd {
	KNITS_CMD_UNSPEC,
	KNITS_CMD_GET_STATUS,
	KNITS_CMD_RESET_COUNTERS,
	__KNITS_CMD_MAX
};
#define KNITS_CMD_MAX (__KNITS_CMD_MAX - 1)

enum knits_attr {
	KNITS_A_UNSPEC,
	KNITS_A_VERSION,
	KNITS_A_ABI_VERSION,
	KNITS_A_HOOKS,
	KNITS_A_COUNTERS,
	__KNITS_A_MAX
};
#define KNITS_A_MAX (__KNITS_A_MAX - 1)

enum knits_hook_flag {
	KNITS_HOOK_IPV4_PRE_ROUTING = 1U << 0,
	KNITS_HOOK_IPV6_PRE_ROUTING = 1U << 1,
};

enum knits_counter {
	KNITS_CTR_UNSPEC,
	/* IPv4 packets that reached the knits PRE_ROUTING hook */
	KNITS_CTR_HOOK_PACKETS_IPV4,
	/* IPv6 packets that reached the knits PRE_ROUTING hook */
	KNITS_CTR_HOOK_PACKETS_IPV6,
	/* bytes (skb->len at the hook, network header on) of those packets */
	KNITS_CTR_HOOK_BYTES,
	/* packets passed on unchanged because no knits state owns them */
	KNITS_CTR_PASS_UNOWNED,
	__KNITS_CTR_MAX
};
#define KNITS_CTR_MAX (__KNITS_CTR_MAX - 1)

#endif /* _UAPI_KNITS_H */
