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
 * (with the offending attribute's offset where there is one). Commands
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
 * Addresses
 * ---------
 *
 * Wherever an endpoint appears (a service's VIP, a member, a client) it is
 * given by three attributes of the enclosing nest: *_FAMILY (NLA_U16,
 * AF_INET or AF_INET6), *_ADDR (NLA_BINARY, 4 bytes for AF_INET and 16 for
 * AF_INET6, network byte order) and *_PORT (NLA_U16, host byte order,
 * 1..65535). A member has the family of its service.
 *
 * Services and members
 * --------------------
 *
 * A service is a TCP virtual address and port (VIP:port) whose new
 * connections are spread over its members by a scheduler. A service is
 * named by its key: KNITS_A_SERVICE with KNITS_SVC_A_FAMILY, _ADDR, _PORT.
 * A member is named by the service key and KNITS_A_MEMBER with
 * KNITS_MEMBER_A_FAMILY, _ADDR, _PORT. All writes need CAP_NET_ADMIN.
 *
 * KNITS_CMD_NEW_SERVICE: KNITS_A_SERVICE with the key and optionally
 *     KNITS_SVC_A_SCHED (NLA_NUL_STRING: "rr", "wrr", "lc", "sh", "mh";
 *     default "wrr"), KNITS_SVC_A_MH_TABLE_SIZE (NLA_U32, a prime in
 *     KNITS_MH_TABLE_SIZE_MIN..KNITS_MH_TABLE_SIZE_MAX, default 4093; only
 *     with "mh") and KNITS_SVC_A_OWNER (NLA_U32, enum knits_owner or any
 *     other value a control plane picks; default KNITS_OWNER_NONE; ABI 5).
 *     -EEXIST if the service exists, -ENOSPC beyond KNITS_MAX_SERVICES
 *     services in the namespace.
 * KNITS_CMD_SET_SERVICE: the key plus the attributes to change
 *     (KNITS_SVC_A_SCHED, KNITS_SVC_A_MH_TABLE_SIZE, KNITS_SVC_A_OWNER).
 *     Connections already made keep their member. -ENOENT if there is no
 *     such service.
 * KNITS_CMD_DEL_SERVICE: the key. The service's connections are forgotten
 *     at once (their packets then pass knits untouched), as ipvsadm -D does.
 * KNITS_CMD_GET_SERVICE: with NLM_F_DUMP and no attributes, one message per
 *     service; as a doit with a key, that service. Each message carries
 *     KNITS_A_SERVICE with the key, KNITS_SVC_A_PROTOCOL (NLA_U8,
 *     IPPROTO_TCP), KNITS_SVC_A_SCHED, KNITS_SVC_A_MH_TABLE_SIZE,
 *     KNITS_SVC_A_MEMBERS (NLA_U32, the number of members),
 *     KNITS_SVC_A_STATS (nest of enum knits_stat) and KNITS_SVC_A_OWNER.
 *
 * A service's owner says who made it, as a route's rtm_protocol does: the
 * module never acts on it. A control plane that restarts finds the
 * services it made, and only those, among the ones an administrator or
 * another program made (knitsd deletes a service of KNITS_OWNER_KNITSD
 * that its configuration no longer has, and leaves any other alone).
 * KNITS_CMD_NEW_MEMBER: the service key and KNITS_A_MEMBER with the key and
 *     optionally KNITS_MEMBER_A_WEIGHT (NLA_U32, 0..KNITS_WEIGHT_MAX,
 *     default 1) and KNITS_MEMBER_A_STATE (NLA_U8, enum knits_member_state,
 *     default ACTIVE). -EEXIST, -ENOENT (no service), -ENOSPC beyond
 *     KNITS_MAX_MEMBERS members in the service.
 * KNITS_CMD_SET_MEMBER: the keys plus the attributes to change.
 * KNITS_CMD_DEL_MEMBER: the keys. The member takes no new connection; its
 *     existing connections keep running until they end, as with ipvsadm -d.
 * KNITS_CMD_GET_MEMBER: a dump with the service key; one message per member
 *     with KNITS_A_MEMBER holding the key, KNITS_MEMBER_A_WEIGHT,
 *     KNITS_MEMBER_A_STATE, KNITS_MEMBER_A_CONNS (NLA_U32, connections
 *     currently bound to the member), KNITS_MEMBER_A_ACTIVE_CONNS (NLA_U32,
 *     those of them in ESTABLISHED; the rest are ipvsadm's InActConn) and
 *     KNITS_MEMBER_A_STATS.
 *
 * A member takes new connections only when it is ACTIVE with a weight above
 * 0. DRAINING and weight 0 keep its connections running (ipvsadm's
 * quiescing); DOWN also drops the packets of its existing connections
 * (counted as KNITS_CTR_DROP_MEMBER_DOWN) so that clients fail fast.
 *
 * KNITS_CMD_LOOKUP: the service key and KNITS_A_CLIENT (nest with
 *     KNITS_CLIENT_A_FAMILY and _ADDR; _PORT is optional, 0..65535, since
 *     sh and mh hash the address only). The reply (KNITS_CMD_LOOKUP)
 *     carries KNITS_A_MEMBER with the key of the member a new connection from
 *     that client would get now. Only the hashing schedulers (sh, mh) have an
 *     answer that does not change with time; others fail with -EOPNOTSUPP.
 *     -ENODATA when no member can take it. Changes nothing.
 *
 * Connections
 * -----------
 *
 * KNITS_CMD_GET_CONN: a dump, no attributes; one message per connection
 *     with KNITS_A_CONN: KNITS_CONN_A_FAMILY, _CLIENT_ADDR, _CLIENT_PORT,
 *     _VIP_ADDR, _VIP_PORT, _MEMBER_ADDR, _MEMBER_PORT, KNITS_CONN_A_STATE
 *     (NLA_U8, enum knits_tcp_state) and KNITS_CONN_A_EXPIRES_MS (NLA_U32,
 *     milliseconds until it is forgotten if no packet comes).
 *
 * Splices
 * -------
 *
 * KNITS_CMD_SPLICE (CAP_NET_ADMIN) hands a client's connection over from the
 * node serving it to another node (Documentation/design.md, "Splice").
 * KNITS_A_SPLICE holds four endpoint nests naming the two connections as
 * the requesting node sees them: KNITS_SPLICE_A_C1_LOCAL and _C1_PEER, the
 * connection the node serves (its local address:port and its peer's);
 * KNITS_SPLICE_A_C2_LOCAL and _C2_PEER, the connection it opened to the
 * target node, through the gateway, on which it has written nothing yet.
 * KNITS_SPLICE_A_T (NLA_U64) is the offset in c1's received stream where the
 * handed-off part starts; KNITS_SPLICE_A_S (NLA_U64) the number of bytes
 * the node wrote to c1. Both count from the first data byte of the
 * connection as the node sees it.
 *
 * A well-formed request is answered with a KNITS_CMD_SPLICE message
 * carrying KNITS_A_SPLICE with KNITS_SPLICE_A_STATUS (NLA_U32, enum
 * knits_splice_status) and, when the status is KNITS_SPLICE_OK,
 * KNITS_SPLICE_A_P (NLA_U64): the switch point, the offset in c1's received
 * stream at which the node's copy of c1 ends with a FIN the gateway
 * delivers. The node reads c1 to end-of-file, writes every byte from T on
 * to c2 and closes both. A refused splice changes nothing. The same
 * request again (c2 already the live leg made from c1's, same T and S:
 * its answer was lost) is answered KNITS_SPLICE_OK with the same P and
 * changes nothing (KNITS_CTR_SPLICES_RESENT). A malformed request fails
 * with -EINVAL and an extack message instead.
 *
 * KNITS_CMD_PREPARE (CAP_NET_ADMIN; ABI 5) asks, before c2 exists, whether
 * a splice of c1 could be made: KNITS_A_SPLICE with KNITS_SPLICE_A_C1_LOCAL
 * and _C1_PEER only. It is answered with a KNITS_CMD_PREPARE message
 * carrying KNITS_A_SPLICE with KNITS_SPLICE_A_STATUS: the status a splice
 * of c1 would get now for c1's own reasons (KNITS_SPLICE_NO_C1,
 * _NOT_SERVING, _C1_CLOSED), or KNITS_SPLICE_OK. It changes nothing but
 * KNITS_CTR_PREPARES; the state may change before the splice is asked,
 * so the splice is checked again in full.
 *
 * Configuration
 * -------------
 *
 * KNITS_CMD_GET_CONFIG (no attributes) replies with KNITS_A_CONFIG;
 * KNITS_CMD_SET_CONFIG (CAP_NET_ADMIN) takes KNITS_A_CONFIG with the
 * attributes to change. KNITS_CFG_A_MAX_CONNS (NLA_U32, 1..KNITS_MAX_CONNS_LIMIT)
 * bounds the connections of the namespace: at it a new client connection
 * takes the place of the oldest one never established
 * (KNITS_CTR_EARLY_DROP_FULL), as it does once half of it is such
 * connections (KNITS_CTR_EARLY_DROP_HALF_OPEN); established ones are never
 * evicted, and without one to forget the new one is refused
 * (KNITS_CTR_DROP_CONN_LIMIT).
 * KNITS_CFG_A_TIMEOUT_* (NLA_U32, seconds, 1..KNITS_TIMEOUT_MAX) are the idle
 * timeouts per TCP state, as ipvsadm --set sets them. KNITS_CFG_A_CONNS
 * (NLA_U32, reply only) is the number of connections now.
 * KNITS_CFG_A_HASH_KEY (NLA_BINARY, exactly KNITS_HASH_KEY_LEN bytes; set
 * only, never reported; ABI 4) keys the sh and mh schedulers' SipHash-2-4
 * of client and member addresses. The module starts with a random key;
 * gateways given the same key and the same members choose the same member
 * for a client, and userspace can predict the choice (libalrm's reference
 * evaluator). Setting it rebuilds every service's pool, all or nothing.
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
#define KNITS_ABI_VERSION 5

enum knits_cmd {
	KNITS_CMD_UNSPEC,
	KNITS_CMD_GET_STATUS,
	KNITS_CMD_RESET_COUNTERS,
	KNITS_CMD_NEW_SERVICE,
	KNITS_CMD_SET_SERVICE,
	KNITS_CMD_DEL_SERVICE,
	KNITS_CMD_GET_SERVICE,
	KNITS_CMD_NEW_MEMBER,
	KNITS_CMD_SET_MEMBER,
	KNITS_CMD_DEL_MEMBER,
	KNITS_CMD_GET_MEMBER,
	KNITS_CMD_LOOKUP,
	KNITS_CMD_GET_CONN,
	KNITS_CMD_GET_CONFIG,
	KNITS_CMD_SET_CONFIG,
	KNITS_CMD_SPLICE,
	KNITS_CMD_PREPARE,
	__KNITS_CMD_MAX
};
#define KNITS_CMD_MAX (__KNITS_CMD_MAX - 1)

enum knits_attr {
	KNITS_A_UNSPEC,
	KNITS_A_VERSION,
	KNITS_A_ABI_VERSION,
	KNITS_A_HOOKS,
	KNITS_A_COUNTERS,
	KNITS_A_SERVICE,
	KNITS_A_MEMBER,
	KNITS_A_CLIENT,
	KNITS_A_CONN,
	KNITS_A_CONFIG,
	KNITS_A_SPLICE,
	__KNITS_A_MAX
};
#define KNITS_A_MAX (__KNITS_A_MAX - 1)

/* Limits */
#define KNITS_MAX_SERVICES 256
#define KNITS_MAX_MEMBERS 1024
#define KNITS_WEIGHT_MAX 65535
#define KNITS_SCHED_NAME_MAX 16
#define KNITS_HASH_KEY_LEN 16
#define KNITS_MH_TABLE_SIZE_MIN 7
#define KNITS_MH_TABLE_SIZE_MAX 131071
#define KNITS_MH_TABLE_SIZE_DEFAULT 4093
#define KNITS_MAX_CONNS_DEFAULT 1048576
#define KNITS_MAX_CONNS_LIMIT 16777216
#define KNITS_TIMEOUT_MAX 604800

/* The first ids of every nest that names an endpoint. */
enum knits_endpoint_attr {
	KNITS_EP_A_UNSPEC,
	KNITS_EP_A_FAMILY,
	KNITS_EP_A_ADDR,
	KNITS_EP_A_PORT,
};

enum knits_svc_attr {
	KNITS_SVC_A_UNSPEC,
	KNITS_SVC_A_FAMILY = KNITS_EP_A_FAMILY,
	KNITS_SVC_A_ADDR = KNITS_EP_A_ADDR,
	KNITS_SVC_A_PORT = KNITS_EP_A_PORT,
	KNITS_SVC_A_PROTOCOL,
	KNITS_SVC_A_SCHED,
	KNITS_SVC_A_MH_TABLE_SIZE,
	KNITS_SVC_A_MEMBERS,
	KNITS_SVC_A_STATS,
	KNITS_SVC_A_OWNER,
	__KNITS_SVC_A_MAX
};
#define KNITS_SVC_A_MAX (__KNITS_SVC_A_MAX - 1)

/* Who made a service (KNITS_SVC_A_OWNER); other values are free. */
enum knits_owner {
	/* an administrator (knitsctl service add), or a module before ABI 5 */
	KNITS_OWNER_NONE,
	KNITS_OWNER_KNITSD,
};

enum knits_member_state {
	KNITS_MEMBER_ACTIVE,
	KNITS_MEMBER_DRAINING,
	KNITS_MEMBER_DOWN,
	__KNITS_MEMBER_STATE_MAX
};
#define KNITS_MEMBER_STATE_MAX (__KNITS_MEMBER_STATE_MAX - 1)

enum knits_member_attr {
	KNITS_MEMBER_A_UNSPEC,
	KNITS_MEMBER_A_FAMILY = KNITS_EP_A_FAMILY,
	KNITS_MEMBER_A_ADDR = KNITS_EP_A_ADDR,
	KNITS_MEMBER_A_PORT = KNITS_EP_A_PORT,
	KNITS_MEMBER_A_WEIGHT,
	KNITS_MEMBER_A_STATE,
	KNITS_MEMBER_A_CONNS,
	KNITS_MEMBER_A_STATS,
	KNITS_MEMBER_A_ACTIVE_CONNS,
	__KNITS_MEMBER_A_MAX
};
#define KNITS_MEMBER_A_MAX (__KNITS_MEMBER_A_MAX - 1)

enum knits_client_attr {
	KNITS_CLIENT_A_UNSPEC,
	KNITS_CLIENT_A_FAMILY = KNITS_EP_A_FAMILY,
	KNITS_CLIENT_A_ADDR = KNITS_EP_A_ADDR,
	KNITS_CLIENT_A_PORT = KNITS_EP_A_PORT,
	__KNITS_CLIENT_A_MAX
};
#define KNITS_CLIENT_A_MAX (__KNITS_CLIENT_A_MAX - 1)

/* Per service and per member, in KNITS_SVC_A_STATS / KNITS_MEMBER_A_STATS:
 * NLA_U64 each, attribute type = id. Readers skip ids they do not know.
 */
enum knits_stat {
	KNITS_STAT_UNSPEC,
	/* connections scheduled */
	KNITS_STAT_CONNS,
	/* packets and bytes client -> member */
	KNITS_STAT_PACKETS_IN,
	KNITS_STAT_BYTES_IN,
	/* packets and bytes member -> client */
	KNITS_STAT_PACKETS_OUT,
	KNITS_STAT_BYTES_OUT,
	__KNITS_STAT_MAX
};
#define KNITS_STAT_MAX (__KNITS_STAT_MAX - 1)

/* TCP state of a connection as the gateway follows it (IPVS's names). */
enum knits_tcp_state {
	KNITS_TCP_NONE,
	KNITS_TCP_SYN_SENT,
	KNITS_TCP_SYN_RECV,
	KNITS_TCP_ESTABLISHED,
	KNITS_TCP_FIN_WAIT,
	KNITS_TCP_CLOSE_WAIT,
	KNITS_TCP_LAST_ACK,
	KNITS_TCP_TIME_WAIT,
	KNITS_TCP_CLOSE,
	__KNITS_TCP_STATE_MAX
};
#define KNITS_TCP_STATE_MAX (__KNITS_TCP_STATE_MAX - 1)

enum knits_conn_attr {
	KNITS_CONN_A_UNSPEC,
	KNITS_CONN_A_FAMILY,
	KNITS_CONN_A_CLIENT_ADDR,
	KNITS_CONN_A_CLIENT_PORT,
	KNITS_CONN_A_VIP_ADDR,
	KNITS_CONN_A_VIP_PORT,
	KNITS_CONN_A_MEMBER_ADDR,
	KNITS_CONN_A_MEMBER_PORT,
	KNITS_CONN_A_STATE,
	KNITS_CONN_A_EXPIRES_MS,
	__KNITS_CONN_A_MAX
};
#define KNITS_CONN_A_MAX (__KNITS_CONN_A_MAX - 1)

enum knits_cfg_attr {
	KNITS_CFG_A_UNSPEC,
	KNITS_CFG_A_MAX_CONNS,
	KNITS_CFG_A_CONNS,
	KNITS_CFG_A_TIMEOUT_SYN_SENT,
	KNITS_CFG_A_TIMEOUT_SYN_RECV,
	KNITS_CFG_A_TIMEOUT_ESTABLISHED,
	KNITS_CFG_A_TIMEOUT_FIN_WAIT,
	KNITS_CFG_A_TIMEOUT_CLOSE_WAIT,
	KNITS_CFG_A_TIMEOUT_LAST_ACK,
	KNITS_CFG_A_TIMEOUT_TIME_WAIT,
	KNITS_CFG_A_TIMEOUT_CLOSE,
	KNITS_CFG_A_HASH_KEY,
	__KNITS_CFG_A_MAX
};
#define KNITS_CFG_A_MAX (__KNITS_CFG_A_MAX - 1)

enum knits_splice_attr {
	KNITS_SPLICE_A_UNSPEC,
	KNITS_SPLICE_A_C1_LOCAL,
	KNITS_SPLICE_A_C1_PEER,
	KNITS_SPLICE_A_C2_LOCAL,
	KNITS_SPLICE_A_C2_PEER,
	KNITS_SPLICE_A_T,
	KNITS_SPLICE_A_S,
	KNITS_SPLICE_A_STATUS,
	KNITS_SPLICE_A_P,
	__KNITS_SPLICE_A_MAX
};
#define KNITS_SPLICE_A_MAX (__KNITS_SPLICE_A_MAX - 1)

/* Why a splice was refused; every refusal changes nothing. */
enum knits_splice_status {
	KNITS_SPLICE_OK,
	/* c1 names no connection the gateway tracks */
	KNITS_SPLICE_NO_C1,
	/* c1 is tracked but the node no longer serves it (handed off) */
	KNITS_SPLICE_NOT_SERVING,
	/* the client has closed its side of c1, or c1 is not established */
	KNITS_SPLICE_C1_CLOSED,
	/* c2 names no node-to-node connection the gateway tracks */
	KNITS_SPLICE_NO_C2,
	/* c2 has no SYN|ACK from the target yet, has carried data, or is
	 * spliced already
	 */
	KNITS_SPLICE_C2_NOT_FRESH,
	/* c2 does not start at the node that serves c1 */
	KNITS_SPLICE_C2_SOURCE,
	/* T lies beyond the client bytes forwarded to the node, or before
	 * the first byte the node received
	 */
	KNITS_SPLICE_BAD_T,
	/* S is less than the node's bytes the gateway already forwarded */
	KNITS_SPLICE_BAD_S,
	/* c2's MSS exceeds the client's */
	KNITS_SPLICE_MSS,
	/* the client's connection negotiated timestamps and c2 did not (the
	 * other way round is spliced: the client ignores the new node's)
	 */
	KNITS_SPLICE_TIMESTAMPS,
	/* the connection has as many legs still closing as knits translates
	 * at once (closed legs retire: hand-offs ever made are not bounded)
	 */
	KNITS_SPLICE_TOO_MANY,
	/* no memory for the splice's state */
	KNITS_SPLICE_NOMEM,
	__KNITS_SPLICE_STATUS_MAX
};
#define KNITS_SPLICE_STATUS_MAX (__KNITS_SPLICE_STATUS_MAX - 1)

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
	/* connections made (a client SYN to a service got a member) */
	KNITS_CTR_CONNS_CREATED,
	/* connections forgotten after their state's timeout */
	KNITS_CTR_CONNS_EXPIRED,
	/* packets rewritten client -> member and member -> client */
	KNITS_CTR_NAT_TO_MEMBER,
	KNITS_CTR_NAT_TO_CLIENT,
	/* drops, one counter per reason */
	/* TCP header truncated or with a bad data offset */
	KNITS_CTR_DROP_MALFORMED,
	/* a service's SYN that no member could take */
	KNITS_CTR_DROP_NO_MEMBER,
	/* a new connection beyond KNITS_CFG_A_MAX_CONNS */
	KNITS_CTR_DROP_CONN_LIMIT,
	/* a new connection that found no memory */
	KNITS_CTR_DROP_NOMEM,
	/* a non-SYN packet to a service with no connection for it */
	KNITS_CTR_DROP_NO_CONN,
	/* a packet of a connection whose member is DOWN */
	KNITS_CTR_DROP_MEMBER_DOWN,
	/* the packet could not be made writable for the rewrite */
	KNITS_CTR_DROP_UNWRITABLE,
	/* no route for a rewritten reply */
	KNITS_CTR_DROP_NO_ROUTE,
	/* a new connection whose tuple is taken: two SYNs raced, or one
	 * client port reaches the same member through two services
	 */
	KNITS_CTR_DROP_TUPLE_CLASH,
	/* node-to-node connections tracked (a SYN to a member's address:port
	 * from a member's address, not through a VIP)
	 */
	KNITS_CTR_NODE_CONNS,
	/* splices installed */
	KNITS_CTR_SPLICES,
	/* splices refused, all reasons; then one counter per reason: the
	 * refusals with status R (KNITS_SPLICE_NO_C1 and up) are counted at
	 * id KNITS_CTR_SPLICES_REFUSED + R as well
	 */
	KNITS_CTR_SPLICES_REFUSED,
	KNITS_CTR_SPLICES_REFUSED_LAST = KNITS_CTR_SPLICES_REFUSED +
					 KNITS_SPLICE_STATUS_MAX,
	/* packets of spliced connections rewritten toward a node / the client */
	KNITS_CTR_SPLICED_TO_NODE,
	KNITS_CTR_SPLICED_TO_CLIENT,
	/* packets of a stale or retired leg taken by the gateway (its FIN,
	 * its acks), and client retransmissions of bytes only a retired leg
	 * held (answered with an ACK)
	 */
	KNITS_CTR_SPLICE_ABSORBED,
	/* segments the gateway made to close stale legs (FIN, ACK) */
	KNITS_CTR_SPLICE_SYNTHESIZED,
	/* a node sent bytes beyond its part of the stream after a splice */
	KNITS_CTR_DROP_SPLICE_OVERRUN,
	/* a client segment no leg can take (it spans a switch point and
	 * starts before the new leg's first byte)
	 */
	KNITS_CTR_DROP_SPLICE_STRADDLE,
	/* a spliced connection's segment whose options cannot be read */
	KNITS_CTR_DROP_SPLICE_OPTIONS,
	/* a splice asked for again (the answer was lost, or the daemon that
	 * asked died before it answered): answered OK with the same P,
	 * nothing changed
	 */
	KNITS_CTR_SPLICES_RESENT,
	/* KNITS_CMD_PREPARE requests answered, whatever the status */
	KNITS_CTR_PREPARES,
	/* a segment of a connection knits owns (or would make) whose TCP
	 * checksum is wrong: its receiver would discard it, so it changes
	 * nothing and goes no further
	 */
	KNITS_CTR_DROP_BAD_CHECKSUM,
	/* a segment its receiver would discard unread: bytes or an RST
	 * outside the receiver's window, or an acknowledgment of bytes
	 * never sent (RFC 9293 3.10.7.4, RFC 5961)
	 */
	KNITS_CTR_DROP_OUT_OF_WINDOW,
	/* segments passed on that changed nothing: an RST inside the
	 * receiver's window but not where the receiver stands (it answers
	 * with a challenge ACK), a SYN on a connection that has one
	 */
	KNITS_CTR_PASS_UNTRUSTED,
	/* never-established client connections forgotten early to make room
	 * for a new one (a SYN flood): the table was full, or held
	 * max_conns / 2 of them
	 */
	KNITS_CTR_EARLY_DROP_FULL,
	KNITS_CTR_EARLY_DROP_HALF_OPEN,
	/* segments the gateway made for a splice (FIN, ACK) that could not
	 * be sent (no memory, no route); those that close a stale leg are
	 * sent again
	 */
	KNITS_CTR_SPLICE_EMIT_FAILED,
	__KNITS_CTR_MAX
};
#define KNITS_CTR_MAX (__KNITS_CTR_MAX - 1)

#endif /* _UAPI_KNITS_H */
