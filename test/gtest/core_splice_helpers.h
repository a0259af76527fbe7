// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// What the splice tests feed the core: one side of a connection as the
// flow table learned it, and a segment as the packet path parsed it.

#ifndef KNITS_TEST_GTEST_CORE_SPLICE_HELPERS_H
#define KNITS_TEST_GTEST_CORE_SPLICE_HELPERS_H

#include <cstdint>

#include "knits_core.h"

constexpr std::uint8_t kAck = KNITS_TCPF_ACK;

// A side that sent its SYN with SACK, timestamps, MSS and window scaling,
// then @sent bytes.
inline knits_tcp_side side(std::uint32_t isn, std::int64_t sent, std::uint8_t wscale,
                           std::uint32_t ts, std::uint16_t mss) {
  knits_tcp_side s{};
  s.isn = isn;
  s.end = isn + 1 + static_cast<std::uint32_t>(sent);
  s.end_wraps = static_cast<std::uint32_t>(sent >> 32);
  s.ts_last = ts;
  s.mss = mss;
  s.wscale = wscale;
  s.flags = KNITS_SIDE_SYN | KNITS_SIDE_SACK_OK | KNITS_SIDE_TS | KNITS_SIDE_MSS |
            KNITS_SIDE_WSCALE | (sent != 0 ? KNITS_SIDE_DATA : 0);
  return s;
}

inline knits_tcp_seg seg(std::uint32_t seq, std::uint32_t len, std::uint32_t ack, std::uint16_t win,
                         std::uint32_t tsval, std::uint32_t tsecr, std::uint8_t flags = kAck) {
  knits_tcp_seg s{};
  s.seq = seq;
  s.len = len;
  s.ack = ack;
  s.win = win;
  s.flags = flags;
  s.has_opts = true;
  s.opts.has_ts = true;
  s.opts.tsval = tsval;
  s.opts.tsecr = tsecr;
  return s;
}

#endif  // KNITS_TEST_GTEST_CORE_SPLICE_HELPERS_H
