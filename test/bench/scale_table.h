// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// A flow table of N connections for the lookup-at-scale benchmark: both
// entries of each, as the kernel hashes them, in connections of the
// kernel's size, on huge pages as the kernel's memory is (huge_array.h).
//
// The keys are random: the client's address is a bijective mix of the
// connection's number (so every tuple differs and none needs storing),
// its port another mix; 16 members behind one VIP. The benchmark looks
// every entry up once per pass, in a random order (a shuffled list of
// entry numbers, read in sequence as packets come off a ring), so at
// 1M connections the bucket and the entry are rarely in any cache.

#ifndef KNITS_TEST_BENCH_SCALE_TABLE_H
#define KNITS_TEST_BENCH_SCALE_TABLE_H

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "flow_table.h"
#include "gateway.h"
#include "huge_array.h"

namespace knits::bench {

class ScaleTable {
 public:
  // Builds the table and checks that every entry is found.
  explicit ScaleTable(std::size_t conns);

  // The tuple of entry @code: connection code / 2, direction code % 2.
  static Tuple key(std::uint32_t code);

  [[nodiscard]] const FlowTable<ConnEnt>& table() const { return table_; }
  [[nodiscard]] std::span<const std::uint32_t> order() const { return order_; }
  [[nodiscard]] std::size_t conns() const { return conns_.size(); }

 private:
  HugeArray<Conn> conns_;
  FlowTable<ConnEnt> table_;
  std::vector<std::uint32_t> order_;
};

}  // namespace knits::bench

#endif  // KNITS_TEST_BENCH_SCALE_TABLE_H
