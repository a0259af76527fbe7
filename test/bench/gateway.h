// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The objects knits.ko's packet path works on, in userspace: connections
// with their two flow-table entries (kmod/conn.h), members and services
// with their traffic counters (kmod/service.h, kmod/obj_stats.h), a
// splice with its legs' tuples (kmod/splice.h) and the namespace's flow
// table and counters (kmod/pernet.h). Same fields, same layout where the
// packet path reads them; without what only the kernel has (locks, RCU
// heads, reference counts, per-CPU indirection), since one thread runs
// the benchmarks.

#ifndef KNITS_TEST_BENCH_GATEWAY_H
#define KNITS_TEST_BENCH_GATEWAY_H

#include <array>
#include <cstddef>
#include <cstdint>

#include "flow_table.h"
#include "knits_core.h"

namespace knits::bench {

// enum knits_dir: client -> VIP, and member -> client
constexpr std::uint8_t kDirOrig = 0;
constexpr std::uint8_t kDirReply = 1;
constexpr std::size_t kDirCount = 2;

// enum knits_conn_kind
enum class ConnKind : std::uint8_t { kClient, kNode };

struct Conn;

// struct knits_conn_ent: the kernel finds the connection with
// container_of(); a pointer in the same cache line costs the same.
struct ConnEnt {
  ConnEnt* next = nullptr;
  Tuple tuple;
  Conn* conn = nullptr;
  std::uint8_t dir = kDirOrig;
};

// One CPU's struct knits_obj_pcpu_stats.
struct ObjStats {
  std::array<std::uint64_t, __KNITS_STAT_MAX> v{};
};

// struct knits_member: address and port in network order.
struct Member {
  std::uint32_t addr = 0;
  std::uint16_t port = 0;
  std::uint8_t state = KNITS_MEMBER_ACTIVE;
  std::uint32_t conns = 0;
  std::uint32_t active_conns = 0;
  ObjStats stats;
};

struct Service {
  ObjStats stats;
};

// struct knits_splice: the client's tuple (client -> VIP), each leg's
// node -> up sender tuple, and the core's state.
struct Splice {
  Tuple client;
  std::array<Tuple, KNITS_SPLICE_LEGS> node{};
  knits_splice_state st{};
};

// struct knits_conn
struct Conn {
  std::array<ConnEnt, kDirCount> ent{};
  std::uint8_t state = KNITS_TCP_NONE;
  bool dead = false;
  ConnKind kind = ConnKind::kClient;
  std::uint32_t leg = 0;
  std::uint64_t expires = 0;
  Service* svc = nullptr;
  Member* member = nullptr;
  std::array<knits_tcp_side, kDirCount> side{};
  Splice* splice = nullptr;
};

// struct knits_net, as far as the packet path goes; one CPU's counters.
struct Gateway {
  explicit Gateway(std::size_t expected_entries) : conns(expected_entries) {
    knits_tcp_timeouts_init(&timeouts);
  }

  FlowTable<ConnEnt> conns;
  knits_tcp_timeouts timeouts{};
  // the kernel's jiffies: a connection's timeout is rearmed from it
  std::uint64_t jiffies = 0;
  std::array<std::uint64_t, __KNITS_CTR_MAX> stats{};

  [[nodiscard]] std::uint64_t counter(knits_counter id) const {
    return stats.at(static_cast<std::size_t>(id));
  }
};

// Links both entries of @c into @table; false if a tuple is taken.
inline bool hash_conn(FlowTable<ConnEnt>& table, Conn& c) {
  for (std::size_t dir = 0; dir < kDirCount; ++dir) {
    c.ent.at(dir).conn = &c;
    c.ent.at(dir).dir = static_cast<std::uint8_t>(dir);
    if (!table.insert(&c.ent.at(dir))) {
      return false;
    }
  }
  return true;
}

}  // namespace knits::bench

#endif  // KNITS_TEST_BENCH_GATEWAY_H
