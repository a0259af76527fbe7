// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Real packets for the benchmarks: IPv4 and TCP headers as a sender
// writes them, with the options Linux puts on an established connection
// (NOP NOP TS, and NOP NOP SACK when it has blocks to report), and valid
// checksums; and the checks, from scratch, that a packet's checksums are
// still valid after the packet path rewrote it incrementally.

#ifndef KNITS_TEST_BENCH_PACKET_BUILDER_H
#define KNITS_TEST_BENCH_PACKET_BUILDER_H

#include <array>
#include <cstdint>

#include "packet.h"

namespace knits::bench {

// A SACK block, in host order.
struct SackBlock {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};

// Three blocks and a timestamp fill the 40 bytes of options exactly.
constexpr std::uint8_t kMaxSackBlocks = 3;

// Addresses and ports in network order (as tuples hold them), the rest in
// host order.
struct SegmentSpec {
  std::uint32_t saddr = 0;
  std::uint32_t daddr = 0;
  std::uint16_t sport = 0;
  std::uint16_t dport = 0;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::uint16_t win = 0;
  std::uint8_t flags = 0;
  std::uint16_t payload_len = 0;
  // the payload's bytes: a rewrite keeps them, so its spec keeps the seed
  std::uint32_t payload_seed = 0;
  std::uint16_t ip_id = 0;
  bool ts = false;
  std::uint32_t tsval = 0;
  std::uint32_t tsecr = 0;
  std::uint8_t nsack = 0;
  std::array<SackBlock, kMaxSackBlocks> sack{};
};

Packet build_packet(const SegmentSpec& s);

bool ipv4_checksum_valid(const Packet& p);
bool tcp_checksum_valid(const Packet& p);

}  // namespace knits::bench

#endif  // KNITS_TEST_BENCH_PACKET_BUILDER_H
