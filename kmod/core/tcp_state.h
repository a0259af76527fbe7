/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * The TCP state of a connection as the gateway follows it, IPVS-style: a
 * state per connection (enum knits_tcp_state of uapi/knits.h, with IPVS's
 * names), moved on by the flags of each packet and its direction, and an
 * idle timeout per state after which the flow table forgets the
 * connection. The gateway NATs both directions, so it sees the client's
 * packets and the member's; it keeps no per-direction memory, so the
 * states after the first FIN are a best guess that errs on the side of the
 * longer timeout (see tcp_state.c).
 */

#ifndef _KNITS_CORE_TCP_STATE_H
#define _KNITS_CORE_TCP_STATE_H

#include "compat.h"
#include "uapi/knits.h"

/* TCP flags as the core sees them: the bits of the flag byte of the TCP
 * header (byte 13), so the kernel passes ((u8 *)th)[13]. Other bits (PSH,
 * URG, ECE, CWR) are ignored.
 */
#define KNITS_TCPF_FIN 0x01
#define KNITS_TCPF_SYN 0x02
#define KNITS_TCPF_RST 0x04
#define KNITS_TCPF_ACK 0x10

u8 knits_tcp_next_state(u8 state, bool from_client, u8 flags);

/* FIN_WAIT, CLOSE_WAIT, LAST_ACK, TIME_WAIT or CLOSE: one side has closed,
 * or an RST has ended the connection.
 */
static inline bool knits_tcp_state_is_closing(u8 state)
{
	return state >= KNITS_TCP_FIN_WAIT && state <= KNITS_TCP_CLOSE;
}

/* NONE, SYN_SENT or SYN_RECV: the handshake has not ended (a SYN flood's
 * entries stay here).
 */
static inline bool knits_tcp_state_is_embryonic(u8 state)
{
	return state <= KNITS_TCP_SYN_RECV;
}

/* TIME_WAIT or CLOSE: a new client SYN on the tuple starts a new connection
 * (the client reuses its port), which the kernel may schedule afresh.
 */
static inline bool knits_tcp_syn_reuses(u8 state)
{
	return state == KNITS_TCP_TIME_WAIT || state == KNITS_TCP_CLOSE;
}

/* Idle timeout of each state, in seconds. */
struct knits_tcp_timeouts {
	u32 secs[__KNITS_TCP_STATE_MAX];
};

void knits_tcp_timeouts_init(struct knits_tcp_timeouts *t);
int knits_tcp_timeout_cfg_state(u32 cfg_attr);
const char *knits_tcp_state_name(u8 state);

#endif /* _KNITS_CORE_TCP_STATE_H */
