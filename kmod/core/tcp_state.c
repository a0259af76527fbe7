// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 */

#include "tcp_state.h"

/* The event a packet is for the state machine: its strongest flag. */
enum {
	KNITS_TCP_EV_SYN,
	KNITS_TCP_EV_FIN,
	KNITS_TCP_EV_ACK,
	KNITS_TCP_EV_RST,
	KNITS_TCP_EV_NR
};

/* Directions, the first index of a state's row. */
enum {
	KNITS_TCP_DIR_CLIENT,	/* client -> member */
	KNITS_TCP_DIR_MEMBER,	/* member -> client */
	KNITS_TCP_DIR_NR
};

#define T_NO KNITS_TCP_NONE
#define T_SS KNITS_TCP_SYN_SENT
#define T_SR KNITS_TCP_SYN_RECV
#define T_ES KNITS_TCP_ESTABLISHED
#define T_FW KNITS_TCP_FIN_WAIT
#define T_CW KNITS_TCP_CLOSE_WAIT
#define T_LA KNITS_TCP_LAST_ACK
#define T_TW KNITS_TCP_TIME_WAIT
#define T_CL KNITS_TCP_CLOSE

/*
 * knits_tcp_states[state][direction][event]: the state after a packet.
 *
 * The states are the gateway's view of the connection as a whole, not one
 * endpoint's: SYN_SENT once the client's SYN has passed, SYN_RECV once the
 * member's SYN|ACK has, ESTABLISHED on the client's ACK of it. After that:
 *
 *   FIN_WAIT    a FIN from one side (either).
 *   CLOSE_WAIT  that FIN was followed by an ACK: the other side has taken
 *               it and may still send (a half-close).
 *   LAST_ACK    a FIN from each side has been seen.
 *   TIME_WAIT   and then an ACK: the connection is over; the entry stays so
 *               that retransmissions of the last segments are still NATed.
 *   CLOSE       an RST ended the connection.
 *
 * So closes by either side first, with or without the second FIN riding on
 * the ACK of the first, and simultaneous closes all end in TIME_WAIT:
 *   FIN, ACK, FIN, ACK:  FIN_WAIT, CLOSE_WAIT, LAST_ACK, TIME_WAIT
 *   FIN, FIN|ACK, ACK:   FIN_WAIT, LAST_ACK, TIME_WAIT
 *   FIN, FIN, ACK, ACK:  FIN_WAIT, LAST_ACK, TIME_WAIT, TIME_WAIT
 *
 * Without a memory of which side sent the first FIN, the table cannot tell
 * a second FIN from a retransmitted first one, nor the peer's ACK of a FIN
 * from the FIN sender's own. Such a mistake only moves the state on early,
 * never back: a retransmitted first FIN is taken for the second (LAST_ACK,
 * 30 s, until the next ACK gives TIME_WAIT: 120 s, refreshed by every
 * packet), and an ACK of the FIN sender for the peer's (CLOSE_WAIT, 60 s
 * where FIN_WAIT has 120 s). So a half-closed connection whose open side
 * goes silent may be forgotten after 30 or 60 s rather than 120 s; IPVS
 * gives a client's half-close 60 s too. Only an RST gives the short CLOSE
 * timeout.
 *
 * Unlike IPVS, which mirrors the member's own TCP states (a client SYN
 * puts it in SYN_RECV), the names follow the packets the gateway has seen,
 * as conntrack's do; and IPVS's LISTEN and SYNACK states are not needed.
 */
static const u8 knits_tcp_states[__KNITS_TCP_STATE_MAX][KNITS_TCP_DIR_NR]
				[KNITS_TCP_EV_NR] = {
	/*
	 * NONE: the entry has just been made for a client's SYN. Nothing but
	 * that SYN or an RST is meaningful; anything else keeps the short
	 * NONE timeout. A connection is never picked up in the middle (the
	 * kernel drops non-SYN packets that have no entry), so unlike IPVS an
	 * ACK does not make it ESTABLISHED.
	 */
	[KNITS_TCP_NONE] = {
		/*                        SYN   FIN   ACK   RST */
		[KNITS_TCP_DIR_CLIENT] = { T_SS, T_NO, T_NO, T_CL },
		/* A member does not open connections through a service. */
		[KNITS_TCP_DIR_MEMBER] = { T_NO, T_NO, T_NO, T_CL },
	},
	/*
	 * SYN_SENT: the client's SYN has passed. The member answers with
	 * SYN|ACK (SYN_RECV) or an RST (port closed: CLOSE). A member's bare
	 * ACK is a challenge ACK for a stale connection on the tuple; the
	 * client will answer it with an RST.
	 */
	[KNITS_TCP_SYN_SENT] = {
		[KNITS_TCP_DIR_CLIENT] = { T_SS, T_SS, T_SS, T_CL },
		[KNITS_TCP_DIR_MEMBER] = { T_SR, T_SS, T_SS, T_CL },
	},
	/*
	 * SYN_RECV: the member's SYN|ACK has passed. Retransmitted SYNs from
	 * either side leave it there. A client FIN here is its handshake ACK
	 * (FIN|ACK) with an immediate close: it is established and closing.
	 * The member cannot close a connection it has not yet accepted, nor
	 * confirm the handshake with an ACK of its own.
	 */
	[KNITS_TCP_SYN_RECV] = {
		[KNITS_TCP_DIR_CLIENT] = { T_SR, T_FW, T_ES, T_CL },
		[KNITS_TCP_DIR_MEMBER] = { T_SR, T_SR, T_SR, T_CL },
	},
	/*
	 * ESTABLISHED: a SYN here is a late retransmission or a client that
	 * lost its state and reuses the port; either way the member answers
	 * with a challenge ACK, the client with an RST (CLOSE) and its next
	 * SYN then reuses the tuple. So a SYN changes nothing.
	 */
	[KNITS_TCP_ESTABLISHED] = {
		[KNITS_TCP_DIR_CLIENT] = { T_ES, T_FW, T_ES, T_CL },
		[KNITS_TCP_DIR_MEMBER] = { T_ES, T_FW, T_ES, T_CL },
	},
	/*
	 * FIN_WAIT: one side has sent a FIN. The first ACK after it is taken
	 * for the peer's (CLOSE_WAIT): the FIN sender has nothing new to
	 * acknowledge until the peer sends. A FIN, usually the peer's FIN|ACK,
	 * means both have closed.
	 */
	[KNITS_TCP_FIN_WAIT] = {
		[KNITS_TCP_DIR_CLIENT] = { T_FW, T_LA, T_CW, T_CL },
		[KNITS_TCP_DIR_MEMBER] = { T_FW, T_LA, T_CW, T_CL },
	},
	/* CLOSE_WAIT: half-closed; data and ACKs flow until the second FIN. */
	[KNITS_TCP_CLOSE_WAIT] = {
		[KNITS_TCP_DIR_CLIENT] = { T_CW, T_LA, T_CW, T_CL },
		[KNITS_TCP_DIR_MEMBER] = { T_CW, T_LA, T_CW, T_CL },
	},
	/* LAST_ACK: both FINs seen; an ACK of the second one ends it. */
	[KNITS_TCP_LAST_ACK] = {
		[KNITS_TCP_DIR_CLIENT] = { T_LA, T_LA, T_TW, T_CL },
		[KNITS_TCP_DIR_MEMBER] = { T_LA, T_LA, T_TW, T_CL },
	},
	/*
	 * TIME_WAIT: retransmitted FINs and ACKs keep it. A client SYN is a
	 * new connection reusing the port (knits_tcp_syn_reuses()); a
	 * member's SYN is not.
	 */
	[KNITS_TCP_TIME_WAIT] = {
		[KNITS_TCP_DIR_CLIENT] = { T_SS, T_TW, T_TW, T_CL },
		[KNITS_TCP_DIR_MEMBER] = { T_TW, T_TW, T_TW, T_CL },
	},
	/*
	 * CLOSE: as in IPVS, a connection an RST has ended stays ended: its
	 * stragglers only refresh the short CLOSE timeout. A client SYN
	 * reuses the tuple, as in TIME_WAIT.
	 */
	[KNITS_TCP_CLOSE] = {
		[KNITS_TCP_DIR_CLIENT] = { T_SS, T_CL, T_CL, T_CL },
		[KNITS_TCP_DIR_MEMBER] = { T_CL, T_CL, T_CL, T_CL },
	},
};

/**
 * knits_tcp_next_state() - the state of a connection after a packet
 * @state: the connection's state (enum knits_tcp_state)
 * @from_client: the packet goes client -> member (else member -> client)
 * @flags: the packet's TCP flag byte (KNITS_TCPF_*)
 *
 * The packet's event is its strongest flag, in the order RST, SYN, FIN,
 * ACK, as IPVS ranks them. A packet with none of these flags changes
 * nothing: IPVS closes the connection on one, but both ends drop a segment
 * without ACK in any synchronised state (RFC 9293, 3.10.7.4), so a forged
 * one must not end a connection.
 *
 * Return: the new state; KNITS_TCP_CLOSE for a @state out of range.
 */
u8 knits_tcp_next_state(u8 state, bool from_client, u8 flags)
{
	unsigned int ev;

	if (state >= __KNITS_TCP_STATE_MAX)
		return KNITS_TCP_CLOSE;

	if (flags & KNITS_TCPF_RST)
		ev = KNITS_TCP_EV_RST;
	else if (flags & KNITS_TCPF_SYN)
		ev = KNITS_TCP_EV_SYN;
	else if (flags & KNITS_TCPF_FIN)
		ev = KNITS_TCP_EV_FIN;
	else if (flags & KNITS_TCPF_ACK)
		ev = KNITS_TCP_EV_ACK;
	else
		return state;

	return knits_tcp_states[state][from_client ? KNITS_TCP_DIR_CLIENT :
						     KNITS_TCP_DIR_MEMBER][ev];
}

/**
 * knits_tcp_timeouts_init() - set every state's timeout to its default
 * @t: the timeouts
 *
 * The defaults are IPVS's: 15 minutes ESTABLISHED, 2 minutes SYN_SENT,
 * FIN_WAIT and TIME_WAIT, 1 minute SYN_RECV and CLOSE_WAIT, 30 seconds
 * LAST_ACK, 10 seconds CLOSE and 2 seconds NONE.
 */
void knits_tcp_timeouts_init(struct knits_tcp_timeouts *t)
{
	t->secs[KNITS_TCP_NONE] = 2;
	t->secs[KNITS_TCP_SYN_SENT] = 120;
	t->secs[KNITS_TCP_SYN_RECV] = 60;
	t->secs[KNITS_TCP_ESTABLISHED] = 900;
	t->secs[KNITS_TCP_FIN_WAIT] = 120;
	t->secs[KNITS_TCP_CLOSE_WAIT] = 60;
	t->secs[KNITS_TCP_LAST_ACK] = 30;
	t->secs[KNITS_TCP_TIME_WAIT] = 120;
	t->secs[KNITS_TCP_CLOSE] = 10;
}

/**
 * knits_tcp_timeout_cfg_state() - the state a timeout attribute sets
 * @cfg_attr: an attribute id of enum knits_cfg_attr
 *
 * Return: the state (enum knits_tcp_state) whose timeout the
 * KNITS_CFG_A_TIMEOUT_* attribute @cfg_attr carries, or -1 when @cfg_attr
 * is not a timeout. NONE has no attribute: its timeout is fixed.
 */
int knits_tcp_timeout_cfg_state(u32 cfg_attr)
{
	switch (cfg_attr) {
	case KNITS_CFG_A_TIMEOUT_SYN_SENT:
		return KNITS_TCP_SYN_SENT;
	case KNITS_CFG_A_TIMEOUT_SYN_RECV:
		return KNITS_TCP_SYN_RECV;
	case KNITS_CFG_A_TIMEOUT_ESTABLISHED:
		return KNITS_TCP_ESTABLISHED;
	case KNITS_CFG_A_TIMEOUT_FIN_WAIT:
		return KNITS_TCP_FIN_WAIT;
	case KNITS_CFG_A_TIMEOUT_CLOSE_WAIT:
		return KNITS_TCP_CLOSE_WAIT;
	case KNITS_CFG_A_TIMEOUT_LAST_ACK:
		return KNITS_TCP_LAST_ACK;
	case KNITS_CFG_A_TIMEOUT_TIME_WAIT:
		return KNITS_TCP_TIME_WAIT;
	case KNITS_CFG_A_TIMEOUT_CLOSE:
		return KNITS_TCP_CLOSE;
	default:
		return -1;
	}
}

static const char *const knits_tcp_state_names[__KNITS_TCP_STATE_MAX] = {
	[KNITS_TCP_NONE] = "NONE",
	[KNITS_TCP_SYN_SENT] = "SYN_SENT",
	[KNITS_TCP_SYN_RECV] = "SYN_RECV",
	[KNITS_TCP_ESTABLISHED] = "ESTABLISHED",
	[KNITS_TCP_FIN_WAIT] = "FIN_WAIT",
	[KNITS_TCP_CLOSE_WAIT] = "CLOSE_WAIT",
	[KNITS_TCP_LAST_ACK] = "LAST_ACK",
	[KNITS_TCP_TIME_WAIT] = "TIME_WAIT",
	[KNITS_TCP_CLOSE] = "CLOSE",
};

/**
 * knits_tcp_state_name() - a state's name, as ipvsadm -L -c prints it
 * @state: enum knits_tcp_state
 *
 * Return: "NONE", "SYN_SENT", ... "CLOSE", or "UNKNOWN" out of range.
 */
const char *knits_tcp_state_name(u8 state)
{
	if (state >= __KNITS_TCP_STATE_MAX)
		return "UNKNOWN";
	return knits_tcp_state_names[state];
}
