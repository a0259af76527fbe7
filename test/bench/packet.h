// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// A packet as the benchmarks feed it to the packet path: the bytes of its
// IPv4 and TCP headers, options included, exactly as on the wire. The
// payload is not stored: knits.ko never reads or writes it (every
// checksum update is incremental), so only its length (in the IP header)
// and its one's complement sum (to check the TCP checksum from scratch)
// are kept. That keeps a packet to two cache lines, as the part of an skb
// the kernel touches.

#ifndef KNITS_TEST_BENCH_PACKET_H
#define KNITS_TEST_BENCH_PACKET_H

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace knits::bench {

// Offsets in the IPv4 header (RFC 791) and in the TCP header (RFC 9293).
namespace ipv4 {
constexpr std::size_t kHeaderLen = 20;
constexpr std::size_t kTotLen = 2;
constexpr std::size_t kFragOff = 6;
constexpr std::size_t kProtocol = 9;
constexpr std::size_t kCheck = 10;
constexpr std::size_t kSaddr = 12;
constexpr std::size_t kDaddr = 16;
// the More Fragments bit and the offset: any of them is a fragment
constexpr std::uint16_t kFragMask = 0x3fff;
constexpr std::uint8_t kProtoTcp = 6;
}  // namespace ipv4

namespace tcp {
constexpr std::size_t kHeaderLen = 20;
constexpr std::size_t kMaxHeaderLen = 60;
constexpr std::size_t kSport = 0;
constexpr std::size_t kDport = 2;
constexpr std::size_t kSeq = 4;
constexpr std::size_t kAck = 8;
constexpr std::size_t kDoff = 12;
constexpr std::size_t kFlags = 13;
constexpr std::size_t kWin = 14;
constexpr std::size_t kCheck = 16;
}  // namespace tcp

struct Packet {
  std::array<std::uint8_t, ipv4::kHeaderLen + tcp::kMaxHeaderLen> bytes{};
  // one's complement sum of the payload the IP length counts
  std::uint32_t payload_sum = 0;
};

// Fields as they sit in memory (network order), at any alignment.
inline std::uint16_t load16(const std::uint8_t* p) {
  std::uint16_t v = 0;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

inline std::uint32_t load32(const std::uint8_t* p) {
  std::uint32_t v = 0;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

inline void store16(std::uint8_t* p, std::uint16_t v) { std::memcpy(p, &v, sizeof(v)); }

inline void store32(std::uint8_t* p, std::uint32_t v) { std::memcpy(p, &v, sizeof(v)); }

// Network order from host order and back: htons() and htonl().
inline std::uint16_t be16(std::uint16_t v) {
  if constexpr (std::endian::native == std::endian::big) {
    return v;
  }
  return __builtin_bswap16(v);
}

inline std::uint32_t be32(std::uint32_t v) {
  if constexpr (std::endian::native == std::endian::big) {
    return v;
  }
  return __builtin_bswap32(v);
}

// The IP header's length, the TCP header's offset in the packet.
inline std::size_t ip_header_len(const Packet& p) { return (std::size_t{p.bytes[0]} & 0x0fU) << 2; }

// The TCP header's length from its data offset.
inline std::size_t tcp_header_len(const std::uint8_t* th) {
  return std::size_t{th[tcp::kDoff]} >> 4 << 2;
}

// The packet's length, skb->len for the kernel: the IP total length.
inline std::size_t packet_len(const Packet& p) {
  return be16(load16(p.bytes.data() + ipv4::kTotLen));
}

}  // namespace knits::bench

#endif  // KNITS_TEST_BENCH_PACKET_H
