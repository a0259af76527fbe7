// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The gateway the per-packet benchmarks run on, and their packets.
//
// One flow table holds kFlows plain NATed connections and kFlows spliced
// ones (a client's c1 and the c2 its node opened to the next node, both
// entries of each): the baseline, the NAT packet and the spliced packet
// all look up in it. kFlows is 1024: more flows than a branch predictor
// or an L1 cache can learn, so that every packet's connection, splice
// state and table chain are ones the previous packets did not just use;
// fewer than an L3 cache holds, as a gateway with a few thousand active
// connections (the lookup-at-scale benchmark is for big tables). A pass
// is kPacketsPerFlow packets of every flow: round r sends the r-th packet
// of each flow, the flows in a fresh random order each round, so that a
// flow's packets keep their order (its TCP state moves on as on the wire)
// and consecutive packets belong to different flows.
//
// A pass rewrites its packets and moves the connections' state on, so
// before every pass the packets and the state are put back as they were
// (restore_nat(), restore_splice()): every pass does the same real work.
//
// Every packet of a pass has its expected rewrite, worked out from the
// connection's numbers (ISNs, byte counts, clocks) and not from the
// core's state; verify_*() run a pass and compare.

#ifndef KNITS_TEST_BENCH_TRAFFIC_H
#define KNITS_TEST_BENCH_TRAFFIC_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "gateway.h"
#include "huge_array.h"
#include "packet.h"

namespace knits::bench {

constexpr std::size_t kFlows = 1024;
constexpr std::size_t kPacketsPerFlow = 8;
constexpr std::size_t kMembers = 4;

// Client bytes before the hand-off (P), the first of them the next node
// gets from the previous one (T), and the response bytes the first node
// wrote (S).
constexpr std::int64_t kSpliceP = 400;
constexpr std::uint64_t kSpliceT = 100;
constexpr std::uint64_t kSpliceS = 250;

struct Pool {
  std::vector<Packet> in;        // as they arrive
  std::vector<Packet> expected;  // as they must leave
  std::vector<Packet> work;      // what the packet path rewrites
};

// A spliced connection's numbers, for its packets and their rewrites.
struct SpliceFlow {
  Conn* c1 = nullptr;
  Conn* c2 = nullptr;
  Splice* sp = nullptr;
  const Member* a = nullptr;  // the first node
  const Member* b = nullptr;  // the node it hands off to
  std::uint32_t caddr = 0;
  std::uint16_t cport = 0;
  std::uint16_t a2port = 0;  // A's port on c2
  // ISNs: the client's and A's on c1, A's and B's on c2
  std::uint32_t ci = 0;
  std::uint32_t ai = 0;
  std::uint32_t a2i = 0;
  std::uint32_t bi = 0;
  // the same four's timestamp clocks when the splice was made
  std::uint32_t tsc = 0;
  std::uint32_t tsa = 0;
  std::uint32_t tsa2 = 0;
  std::uint32_t tsb = 0;
};

// A NATed connection's numbers.
struct NatFlow {
  Conn* conn = nullptr;
  std::uint32_t end_after_pass = 0;
  std::uint32_t ts_after_pass = 0;
};

class Traffic {
 public:
  Traffic();
  ~Traffic() = default;
  // connections point at members, splices and each other
  Traffic(const Traffic&) = delete;
  Traffic& operator=(const Traffic&) = delete;
  Traffic(Traffic&&) = delete;
  Traffic& operator=(Traffic&&) = delete;

  void restore_nat();
  void restore_splice();

  // One pass each, from restored state, every packet checked (the
  // process stops on a difference); the state is restored after.
  void verify_baseline();
  void verify_nat();
  void verify_splice();

  Gateway gw{6 * kFlows};
  Pool nat;
  Pool splice;
  std::vector<NatFlow> nat_flows;
  std::vector<SpliceFlow> splice_flows;

 private:
  void make_nat_flows();
  void make_splice_flows();
  void warm_up(const SpliceFlow& f);

  Service svc_;
  std::array<Member, kMembers> members_{};
  // [0, kFlows): NATed; then c1 and c2 of each spliced connection
  HugeArray<Conn> conns_{3 * kFlows};
  HugeArray<Splice> splices_{kFlows};
  std::vector<Conn> conns_saved_;
  std::vector<Splice> splices_saved_;
};

// The process's one, made (and warmed up) on first use.
Traffic& traffic();

}  // namespace knits::bench

#endif  // KNITS_TEST_BENCH_TRAFFIC_H
