// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// What a gateway does with one packet, twice over:
//
//  - baseline_packet(): the least any NAT gateway must do: find the
//    connection by the 5-tuple, rewrite the destination (or, for a reply,
//    the source) address and port, and update the IPv4 and TCP checksums
//    incrementally.
//  - knits_packet(): what knits.ko does at PRE_ROUTING (kmod/packet.c and
//    what it calls: nat.c, conn.c, splice.c, tcp_rewrite.c), statement for
//    statement, on the same table with the same checksum code. Left out is
//    only what the kernel alone has: the connection's and the splice's
//    spinlocks, RCU, skb_ensure_writable(), the input route of a packet
//    to the client, conntrack's untracking, and building and sending the
//    segments the core asks for (they are counted instead).

#ifndef KNITS_TEST_BENCH_DATAPATH_H
#define KNITS_TEST_BENCH_DATAPATH_H

#include <cstdint>

#include "gateway.h"
#include "packet.h"

namespace knits::bench {

enum class Verdict : std::uint8_t { kAccept, kDrop };

// True when the packet was a known connection's and was rewritten.
bool baseline_packet(Gateway& gw, Packet& p);

Verdict knits_packet(Gateway& gw, Packet& p);

}  // namespace knits::bench

#endif  // KNITS_TEST_BENCH_DATAPATH_H
