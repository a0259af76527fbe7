/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * knits: the hand-off wire protocol between node proxies and knitsd.
 *
 * A node asks the gateway's knitsd for a splice with one UDP datagram to
 * knitsd's port (KNITS_HANDOFF_PORT unless configured otherwise), and gets
 * one datagram back. The node library resends the same datagram until an
 * answer comes or its deadline passes; knitsd answers a resent request
 * with the answer it gave the first time (by request id), so a request
 * makes at most one splice however often it arrives.
 *
 * Every integer is big-endian. Every message is:
 *
 *    struct knits_handoff_hdr      40 bytes
 *    body                          by type, below
 *    tag                           KNITS_HANDOFF_TAG_LEN bytes
 *
 * The tag is HMAC-SHA256, with the key the header's key_id names (a key of
 * the node the header's node_id names, KNITS_HANDOFF_KEY_LEN bytes), over:
 * the node's IP address as 16 bytes (an IPv4 address as ::ffff:a.b.c.d),
 * then every byte of the message before the tag. The node's address is the
 * source of a request and the destination of its answer: a request sent
 * from another address, or an answer meant for another node, does not
 * verify. knitsd compares tags in constant time.
 *
 * Requests
 * --------
 *
 * KNITS_HANDOFF_SPLICE: struct knits_handoff_splice. c1 is the client
 *     connection the node serves, c2 the connection it opened through the
 *     gateway to the target node and has written nothing on; both as the
 *     node's own sockets name them (local = the node's end). t and s are
 *     the byte counts of Documentation/design.md ("Splice"): where the
 *     handed-off part of c1's received stream starts, and the bytes the
 *     node wrote to c1. The answer's p is the switch point, in the node's
 *     offsets of c1's received stream, when the status is
 *     KNITS_HANDOFF_OK.
 * KNITS_HANDOFF_PREPARE: struct knits_handoff_prepare. Announces a
 *     hand-off of c1 to target (the node's address and port that c2 will
 *     go to) before c2 exists, as versatile anycast's Prepare message
 *     does: knitsd checks that c1's local end is the requester's, then asks
 *     the kernel (KNITS_CMD_PREPARE) whether c1 is tracked, served by the
 *     requester and established, and answers with the status a splice of
 *     c1 would get now for those reasons; nothing changes.
 *
 * Answers
 * -------
 *
 * KNITS_HANDOFF_ANSWER: struct knits_handoff_answer. The header repeats
 *     the request's node_id, key_id, request_id and counter; the tag is
 *     made with the request's key. status is enum knits_handoff_status.
 *
 * Who gets an answer
 * ------------------
 *
 * Every request that authenticates (a configured node, from its address,
 * with one of its keys, a tag that verifies, a fresh counter never seen
 * before) gets an answer. A datagram that does not is counted by its
 * reason and dropped without an answer: answering would let anyone who can
 * forge a source address use knitsd as a reflector, and would tell a
 * prober which node ids and keys exist.
 *
 * Replay protection
 * -----------------
 *
 * counter is the sender's clock in nanoseconds since the Unix epoch, made
 * strictly increasing by the sender (each request's is above the last
 * one's). knitsd accepts a request whose counter lies within
 * KNITS_HANDOFF_FRESH_NS of its own clock, and that it has not accepted
 * from the node before: it keeps the last KNITS_HANDOFF_REPLAY_WINDOW
 * counters it accepted from the node (a set, not a bitmap: a node's
 * threads interleave their counters by microseconds), and refuses a
 * counter among them, or at or below the oldest once the set is full. The
 * set moves only after the tag verifies. A resent request (same
 * request_id and the same bytes) is answered again from knitsd's answer
 * cache before these checks.
 *
 * Versions
 * --------
 *
 * This is version 1 (KNITS_HANDOFF_VERSION). Fields are never moved or
 * given a new meaning; a change that old receivers could misread gets a
 * new version, and a receiver drops versions it does not speak (counted).
 * Reserved fields are sent as zero and ignored on receipt.
 */

#ifndef _UAPI_KNITS_HANDOFF_H
#define _UAPI_KNITS_HANDOFF_H

#include <linux/types.h>

#define KNITS_HANDOFF_MAGIC 0x4b4e484fU	/* "KNHO" */
#define KNITS_HANDOFF_VERSION 1
#define KNITS_HANDOFF_PORT 7413
#define KNITS_HANDOFF_TAG_LEN 32
#define KNITS_HANDOFF_KEY_LEN 32
/* How far a request's counter may be from knitsd's clock: 30 s. */
#define KNITS_HANDOFF_FRESH_NS 30000000000ULL
/* Counters below the highest accepted that are still told apart. */
#define KNITS_HANDOFF_REPLAY_WINDOW 1024
/* The longest message of this version; a longer datagram is dropped. */
#define KNITS_HANDOFF_MAX_LEN 512

enum knits_handoff_type {
	KNITS_HANDOFF_SPLICE = 1,
	KNITS_HANDOFF_PREPARE = 2,
	KNITS_HANDOFF_ANSWER = 0x80,
};

/* Address families on the wire (not AF_*, which differ between systems). */
enum knits_handoff_family {
	KNITS_HANDOFF_INET = 4,
	KNITS_HANDOFF_INET6 = 6,
};

struct knits_handoff_hdr {
	__be32 magic;
	__u8 version;
	__u8 type;		/* enum knits_handoff_type */
	__be16 length;		/* of the whole message, tag included */
	__be32 node_id;
	__be32 key_id;
	/* chosen by the node; a new one for every request it means as new */
	__be64 request_id;
	/* the sender's clock, strictly increasing (see "Replay protection") */
	__be64 counter;
	__be32 reserved[2];
};

/* An address and port; IPv4 in the first 4 bytes of addr, the rest zero. */
struct knits_handoff_endpoint {
	__u8 family;		/* enum knits_handoff_family */
	__u8 reserved;
	__be16 port;
	__u8 addr[16];
};

/* A TCP connection as the node's socket names it. */
struct knits_handoff_conn {
	struct knits_handoff_endpoint local;
	struct knits_handoff_endpoint peer;
};

struct knits_handoff_splice {
	struct knits_handoff_conn c1;
	struct knits_handoff_conn c2;
	__be64 t;
	__be64 s;
};

struct knits_handoff_prepare {
	struct knits_handoff_conn c1;
	struct knits_handoff_endpoint target;
};

enum knits_handoff_status {
	KNITS_HANDOFF_OK = 0,
	/*
	 * 1..0xff: the kernel refused the splice; the value is its enum
	 * knits_splice_status (uapi/knits.h), KNITS_SPLICE_NO_C1 and up.
	 */
	KNITS_HANDOFF_KERNEL_REFUSED_LAST = 0xff,
	/* c1's or c2's local end is not the requesting node's address */
	KNITS_HANDOFF_NOT_OWNER = 0x100,
	/* the fields are not a request knitsd can make: an unknown family,
	 * families that differ, a zero port
	 */
	KNITS_HANDOFF_BAD_REQUEST,
	/* the kernel could not be asked (netlink failed; knits not loaded) */
	KNITS_HANDOFF_KERNEL_ERROR,
	__KNITS_HANDOFF_STATUS_MAX
};

struct knits_handoff_answer {
	__be32 status;		/* enum knits_handoff_status */
	__be32 reserved;
	__be64 p;		/* the switch point, when KNITS_HANDOFF_OK */
};

#endif /* _UAPI_KNITS_HANDOFF_H */
