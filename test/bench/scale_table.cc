// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "scale_table.h"

#include <sys/socket.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <random>

#include "flow_table.h"
#include "gateway.h"
#include "packet.h"
#include "verify.h"

namespace knits::bench {

namespace {

constexpr std::uint32_t kVip = 0xc0000201;         // 192.0.2.1
constexpr std::uint32_t kMemberBase = 0x0a010001;  // 10.1.0.1
constexpr std::uint32_t kScaleMembers = 16;

// murmur3's finaliser: a bijection of 32-bit words that looks random.
constexpr std::uint32_t mix32(std::uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bU;
  h ^= h >> 13;
  h *= 0xc2b2ae35U;
  h ^= h >> 16;
  return h;
}

}  // namespace

Tuple ScaleTable::key(std::uint32_t code) {
  const std::uint32_t i = code >> 1;
  const std::uint32_t caddr = be32(mix32(i));
  const auto cport = be16(static_cast<std::uint16_t>(1024 + mix32(i ^ 0x9e3779b9U) % 64000));
  Tuple t;
  t.family = AF_INET;
  if ((code & 1U) == kDirOrig) {
    t.src[0] = caddr;
    t.sport = cport;
    t.dst[0] = be32(kVip);
    t.dport = be16(80);
  } else {
    t.src[0] = be32(kMemberBase + i % kScaleMembers);
    t.sport = be16(8080);
    t.dst[0] = caddr;
    t.dport = cport;
  }
  return t;
}

ScaleTable::ScaleTable(std::size_t conns) : conns_(conns), table_(2 * conns) {
  for (std::size_t i = 0; i < conns; ++i) {
    Conn& c = conns_[i];
    const auto code = static_cast<std::uint32_t>(2 * i);
    c.ent[kDirOrig].tuple = key(code);
    c.ent[kDirReply].tuple = key(code + 1);
    c.state = KNITS_TCP_ESTABLISHED;
    verify(hash_conn(table_, c), "lookup", "two connections share a tuple");
  }
  order_.resize(2 * conns);
  std::iota(order_.begin(), order_.end(), std::uint32_t{0});
  std::mt19937 rng(static_cast<std::uint32_t>(conns));
  std::shuffle(order_.begin(), order_.end(), rng);

  verify(table_.size() == 2 * conns && table_.size() <= table_.bucket_count() / 4 * 3, "lookup",
         "the table does not hold every entry within rhashtable's load factor");
  for (const std::uint32_t code : order_) {
    const ConnEnt* e = table_.lookup(key(code));
    verify(e != nullptr && e->conn == &conns_[code >> 1] && e->dir == (code & 1U), "lookup",
           "a present key was not found, or found the wrong entry");
  }
  verify(table_.lookup(key(static_cast<std::uint32_t>(2 * conns))) == nullptr, "lookup",
         "an absent key was found");
}

}  // namespace knits::bench
