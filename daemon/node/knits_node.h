/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * The node library's C API: what a node proxy written in any language calls
 * to hand a client connection off through knitsd (Documentation/knitsd.md,
 * "Writing a node proxy"). The calls block until knitsd answers or the
 * deadline passes; they are safe to make from several threads at once.
 */

#ifndef KNITS_NODE_H
#define KNITS_NODE_H

#include <stddef.h> /* NOLINT(modernize-deprecated-headers): a C header */
#include <stdint.h> /* NOLINT(modernize-deprecated-headers) */

#ifdef __cplusplus
extern "C" {
#endif

struct knits_node;

/*
 * @gateway: knitsd's "ADDR:PORT" ("10.1.0.1:7413", "[fd01::1]:7413");
 * @key_hex: the node's key, 64 hexadecimal digits; @deadline_ms: how long
 * a request is tried for, 0 for 5000. Returns NULL on a bad argument, with
 * a message in @err (@errlen bytes, NUL-terminated) when @err is not NULL.
 */
struct knits_node* knits_node_open(const char* gateway, uint32_t node_id, uint32_t key_id,
                                   const char* key_hex, unsigned int deadline_ms, char* err,
                                   size_t errlen);

/*
 * Hands off the client connection @c1_fd (one the node serves) onto
 * @c2_fd (the connection it opened through the gateway to the target node,
 * nothing written on it yet), with the byte counts @t and @s. Returns an
 * enum knits_handoff_status (uapi/knits_handoff.h), @p set to the switch
 * point when it is KNITS_HANDOFF_OK (0); or -ETIMEDOUT when no answer came
 * in time, -ENOTCONN when a socket is not connected, -EIO when the local
 * socket calls failed.
 */
int knits_node_splice(struct knits_node* node, int c1_fd, int c2_fd, uint64_t t, uint64_t s,
                      uint64_t* p);

/*
 * Asks, before opening c2, whether a hand-off of @c1_fd to @target (the
 * "ADDR:PORT" c2 will go to) would be refused for c1's reasons: returns
 * KNITS_HANDOFF_OK, a refusal (not_owner, no_c1, not_serving, c1_closed,
 * ...), or the negative errnos of knits_node_splice(); -EINVAL for a
 * @target that is not ADDR:PORT. Changes nothing at the gateway.
 */
int knits_node_prepare(struct knits_node* node, int c1_fd, const char* target);

void knits_node_close(struct knits_node* node);

#ifdef __cplusplus
}
#endif

#endif /* KNITS_NODE_H */
