// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The rr, wrr and sh scheduler decisions (kmod/core/sched.h).

#include <array>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "knits_core.h"

namespace {

std::vector<std::uint32_t> wrr_sequence(const std::vector<std::uint32_t>& w, std::size_t count) {
  knits_wrr s{};
  const auto n = static_cast<std::uint32_t>(w.size());
  knits_wrr_reset(&s, w.data(), n);
  std::vector<std::uint32_t> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; i++) {
    out.push_back(knits_wrr_next(&s, w.data(), n));
  }
  return out;
}

TEST(RoundRobin, CyclesOverMembersWithAWeight) {
  const std::vector<std::uint32_t> w = {1, 0, 5, 1};
  std::uint32_t cursor = 0;
  std::vector<std::uint32_t> got;
  got.reserve(6);
  for (int i = 0; i < 6; i++) {
    got.push_back(knits_rr_next(&cursor, w.data(), 4));
  }
  EXPECT_EQ(got, (std::vector<std::uint32_t>{2, 3, 0, 2, 3, 0}));
}

TEST(RoundRobin, ACursorNearTheTopOfU32DoesNotWrapIntoTheWrongMember) {
  const std::vector<std::uint32_t> w = {0, 0, 1};
  std::uint32_t cursor = 0xFFFFFFFEU;  // 0xFFFFFFFE % 3 == 2: next is 0, 1, then 2
  EXPECT_EQ(knits_rr_next(&cursor, w.data(), 3), 2U);
  EXPECT_EQ(cursor, 2U);
}

TEST(RoundRobin, NoWeightNoMember) {
  const std::vector<std::uint32_t> w = {0, 0};
  std::uint32_t cursor = 1;
  EXPECT_EQ(knits_rr_next(&cursor, w.data(), 2), KNITS_SCHED_NONE);
  EXPECT_EQ(cursor, 1U);
  EXPECT_EQ(knits_rr_next(&cursor, w.data(), 0), KNITS_SCHED_NONE);
}

TEST(WeightedRoundRobin, InterleavesAsLvsDoes) {
  EXPECT_EQ(wrr_sequence({4, 3, 2}, 18),
            (std::vector<std::uint32_t>{0, 0, 1, 0, 1, 2, 0, 1, 2, 0, 0, 1, 0, 1, 2, 0, 1, 2}));
}

TEST(WeightedRoundRobin, EqualWeightsArePlainRoundRobin) {
  EXPECT_EQ(wrr_sequence({7, 7, 7}, 6), (std::vector<std::uint32_t>{0, 1, 2, 0, 1, 2}));
}

TEST(WeightedRoundRobin, ZeroWeightMembersAreNeverChosen) {
  EXPECT_EQ(wrr_sequence({0, 2, 0, 1}, 6), (std::vector<std::uint32_t>{1, 1, 3, 1, 1, 3}));
  EXPECT_EQ(wrr_sequence({0, 0}, 2),
            (std::vector<std::uint32_t>{KNITS_SCHED_NONE, KNITS_SCHED_NONE}));
  EXPECT_EQ(wrr_sequence({}, 1), (std::vector<std::uint32_t>{KNITS_SCHED_NONE}));
}

// Over one cycle (sum of weights / gcd choices), every member is chosen
// exactly weight / gcd times, for random weight sets.
TEST(WeightedRoundRobin, ACycleMatchesTheWeightsExactly) {
  std::mt19937 rng(7);
  for (int round = 0; round < 300; round++) {
    std::vector<std::uint32_t> w(1 + rng() % 8);
    for (auto& weight : w) {
      weight = static_cast<std::uint32_t>((rng() % 4) * (1 + rng() % 50));
    }
    const std::uint32_t g = std::accumulate(
        w.begin(), w.end(), 0U, [](std::uint32_t a, std::uint32_t b) { return std::gcd(a, b); });
    if (g == 0) {
      continue;
    }
    const std::uint64_t cycle = std::accumulate(w.begin(), w.end(), std::uint64_t{0}) / g;
    std::vector<std::uint64_t> count(w.size());
    for (const std::uint32_t m : wrr_sequence(w, cycle)) {
      ASSERT_LT(m, w.size());
      count[m]++;
    }
    for (std::size_t i = 0; i < w.size(); i++) {
      EXPECT_EQ(count[i], w[i] / g) << "round " << round << " member " << i;
    }
  }
}

TEST(SourceHash, BucketsAreSharedByWeight) {
  const std::vector<std::uint32_t> w = {1, 3, 0, 4};
  std::array<std::uint16_t, KNITS_SH_SIZE> table{};
  knits_sh_populate(table.data(), w.data(), 4);
  std::array<std::size_t, 4> count{};
  for (const std::uint16_t m : table) {
    ASSERT_LT(m, 4);
    count[m]++;
  }
  EXPECT_EQ(count[0], 32U);  // 256 * 1/8
  EXPECT_EQ(count[1], 96U);
  EXPECT_EQ(count[2], 0U);
  EXPECT_EQ(count[3], 128U);
  EXPECT_EQ(knits_sh_lookup(table.data(), 5), table[5]);
  EXPECT_EQ(knits_sh_lookup(table.data(), KNITS_SH_SIZE + 5), table[5]);
}

TEST(SourceHash, NoWeightNoMember) {
  const std::vector<std::uint32_t> w = {0, 0, 0};
  std::array<std::uint16_t, KNITS_SH_SIZE> table{};
  knits_sh_populate(table.data(), w.data(), 3);
  for (std::uint32_t hash = 0; hash < KNITS_SH_SIZE; hash++) {
    ASSERT_EQ(knits_sh_lookup(table.data(), hash), KNITS_SCHED_NONE);
  }
}

}  // namespace
