// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "packet_builder.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "checksum.h"
#include "knits_core.h"
#include "packet.h"

namespace knits::bench {

namespace {

constexpr std::uint16_t kDontFragment = 0x4000;
constexpr std::uint8_t kTtl = 64;

// The sum of the TCP pseudo-header (RFC 9293 3.1) of @p.
std::uint32_t pseudo_header_sum(const Packet& p) {
  const std::uint8_t* ip = p.bytes.data();
  const auto tcp_len = static_cast<std::uint16_t>(packet_len(p) - ip_header_len(p));
  std::array<std::uint8_t, 12> ph{};
  store32(ph.data(), load32(ip + ipv4::kSaddr));
  store32(ph.data() + 4, load32(ip + ipv4::kDaddr));
  ph[9] = ipv4::kProtoTcp;
  store16(ph.data() + 10, be16(tcp_len));
  return csum_partial(ph.data(), ph.size(), 0);
}

std::uint32_t tcp_sum(const Packet& p) {
  const std::uint8_t* th = p.bytes.data() + ip_header_len(p);
  return csum_add(csum_add(pseudo_header_sum(p), csum_partial(th, tcp_header_len(th), 0)),
                  p.payload_sum);
}

// The payload's bytes, different for every segment, for its sum only.
std::uint32_t payload_sum(const SegmentSpec& s) {
  std::vector<std::uint8_t> payload(s.payload_len);
  for (std::size_t i = 0; i < payload.size(); ++i) {
    payload[i] = static_cast<std::uint8_t>((s.payload_seed + i) * 131U + (s.payload_seed >> 7));
  }
  return csum_partial(payload.data(), payload.size(), 0);
}

// The options area: NOP NOP TS, NOP NOP SACK; returns its length.
std::size_t put_options(std::uint8_t* o, const SegmentSpec& s) {
  std::size_t n = 0;
  if (s.ts) {
    o[n++] = KNITS_TCPOPT_NOP;
    o[n++] = KNITS_TCPOPT_NOP;
    o[n++] = KNITS_TCPOPT_TS;
    o[n++] = KNITS_TCPOLEN_TS;
    store32(o + n, be32(s.tsval));
    store32(o + n + 4, be32(s.tsecr));
    n += 8;
  }
  if (s.nsack != 0) {
    o[n++] = KNITS_TCPOPT_NOP;
    o[n++] = KNITS_TCPOPT_NOP;
    o[n++] = KNITS_TCPOPT_SACK;
    o[n++] =
        static_cast<std::uint8_t>(KNITS_TCPOLEN_SACK_BASE + s.nsack * KNITS_TCPOLEN_SACK_BLOCK);
    for (std::size_t i = 0; i < s.nsack; ++i) {
      store32(o + n, be32(s.sack.at(i).start));
      store32(o + n + 4, be32(s.sack.at(i).end));
      n += KNITS_TCPOLEN_SACK_BLOCK;
    }
  }
  return n;
}

}  // namespace

Packet build_packet(const SegmentSpec& s) {
  Packet p;
  std::uint8_t* ip = p.bytes.data();
  std::uint8_t* th = ip + ipv4::kHeaderLen;
  const std::size_t hlen = tcp::kHeaderLen + put_options(th + tcp::kHeaderLen, s);

  ip[0] = 0x45;  // version 4, 5 words
  store16(ip + ipv4::kTotLen,
          be16(static_cast<std::uint16_t>(ipv4::kHeaderLen + hlen + s.payload_len)));
  store16(ip + 4, be16(s.ip_id));
  store16(ip + ipv4::kFragOff, be16(kDontFragment));
  ip[8] = kTtl;
  ip[ipv4::kProtocol] = ipv4::kProtoTcp;
  store32(ip + ipv4::kSaddr, s.saddr);
  store32(ip + ipv4::kDaddr, s.daddr);
  store16(ip + ipv4::kCheck, csum_fold(csum_partial(ip, ipv4::kHeaderLen, 0)));

  store16(th + tcp::kSport, s.sport);
  store16(th + tcp::kDport, s.dport);
  store32(th + tcp::kSeq, be32(s.seq));
  store32(th + tcp::kAck, be32(s.ack));
  th[tcp::kDoff] = static_cast<std::uint8_t>(hlen / 4 << 4);
  th[tcp::kFlags] = s.flags;
  store16(th + tcp::kWin, be16(s.win));
  p.payload_sum = payload_sum(s);
  store16(th + tcp::kCheck, csum_fold(tcp_sum(p)));
  return p;
}

// A header whose checksum is right sums to 0xffff, which folds to 0.
bool ipv4_checksum_valid(const Packet& p) {
  return csum_fold(csum_partial(p.bytes.data(), ip_header_len(p), 0)) == 0;
}

bool tcp_checksum_valid(const Packet& p) { return csum_fold(tcp_sum(p)) == 0; }

}  // namespace knits::bench
