// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The translation history (kmod/core/xlate.h): exact multi-hand-off cases,
// the limits, and a randomised run against a deliberately naive model.

#include <array>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <ostream>
#include <random>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "knits_core.h"

// Whole pieces compare and print, so a test states the pieces it expects.
// At global scope, beside the C struct, where lookup from std:: finds them.
bool operator==(const knits_xlate_piece& a, const knits_xlate_piece& b) {
  return a.lo == b.lo && a.hi == b.hi && a.leg == b.leg;
}

void PrintTo(  // NOLINT(readability-identifier-naming): gtest's name
    const knits_xlate_piece& p, std::ostream* os) {
  *os << "{leg " << p.leg << ": [" << p.lo << ", " << p.hi << ")}";
}

namespace {

using Pieces = std::vector<knits_xlate_piece>;

constexpr std::uint32_t kLegA = 0;
constexpr std::uint32_t kLegB = 1;
constexpr std::uint32_t kLegC = 2;

std::vector<knits_xlate_piece> pieces(const knits_xlate& x, std::int64_t lo, std::int64_t hi) {
  std::array<knits_xlate_piece, KNITS_XLATE_MAX> out{};
  const unsigned int n = knits_xlate_pieces(&x, lo, hi, out.data(), KNITS_XLATE_MAX);
  return {out.begin(), out.begin() + n};
}

// Client-to-nodes history of A -> B (T1 = 300, P1 = 420) then B -> C (B read
// c2 up to T2 = 500, so client offset 800; switch at client offset 900).
knits_xlate two_handoffs() {
  knits_xlate x{};
  knits_xlate_init(&x, kLegA);
  EXPECT_TRUE(knits_xlate_push(&x, 420, -300, kLegB));
  EXPECT_TRUE(knits_xlate_push(&x, 900, -800, kLegC));
  return x;
}

TEST(Xlate, FreshHistorySendsEverythingToOneLegUnchanged) {
  knits_xlate x{};
  knits_xlate_init(&x, kLegA);
  const knits_xlate_entry* e = knits_xlate_lookup(&x, 12345);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->leg, kLegA);
  EXPECT_EQ(e->delta, 0);
  EXPECT_EQ(knits_xlate_lookup(&x, -1), nullptr);  // the SYN is no data
}

TEST(Xlate, LateRetransmissionsFindTheOffsetInForceForTheirBytes) {
  const knits_xlate x = two_handoffs();
  struct Case {
    std::int64_t off;
    std::uint8_t leg;
    std::int64_t leg_off;
  };
  for (const Case c :
       {Case{0, kLegA, 0}, Case{419, kLegA, 419}, Case{420, kLegB, 120}, Case{899, kLegB, 599},
        Case{900, kLegC, 100}, Case{std::int64_t{5} << 32, kLegC, (std::int64_t{5} << 32) - 800}}) {
    const knits_xlate_entry* e = knits_xlate_lookup(&x, c.off);
    ASSERT_NE(e, nullptr) << c.off;
    EXPECT_EQ(e->leg, c.leg) << c.off;
    EXPECT_EQ(c.off + e->delta, c.leg_off) << c.off;
  }
}

TEST(Xlate, AnAckCoveringThreeLegsIsSplitAtTheSwitchPoints) {
  const knits_xlate x = two_handoffs();
  EXPECT_EQ(pieces(x, 0, 1000), (Pieces{{0, 420, kLegA}, {120, 600, kLegB}, {100, 200, kLegC}}));
}

TEST(Xlate, ABlockInsideOneLegStaysWhole) {
  const knits_xlate x = two_handoffs();
  EXPECT_EQ(pieces(x, 500, 600), (Pieces{{200, 300, kLegB}}));
  EXPECT_TRUE(pieces(x, 600, 600).empty());
  EXPECT_TRUE(pieces(x, 700, 600).empty());
}

TEST(Xlate, AHandOffBeforeTheStreamMovedEmptiesThePreviousLeg) {
  knits_xlate x = two_handoffs();  // C from 900
  ASSERT_TRUE(knits_xlate_push(&x, 900, -850, kLegA));
  ASSERT_NE(knits_xlate_lookup(&x, 900), nullptr);
  EXPECT_EQ(knits_xlate_lookup(&x, 900)->leg, kLegA);
  EXPECT_EQ(knits_xlate_lookup(&x, 899)->leg, kLegB);
  EXPECT_EQ(pieces(x, 890, 910), (Pieces{{590, 600, kLegB}, {50, 60, kLegA}}));
}

TEST(Xlate, PushRefusesSwitchPointsThatGoBackwards) {
  knits_xlate x = two_handoffs();
  const knits_xlate before = x;
  EXPECT_FALSE(knits_xlate_push(&x, 899, 0, kLegA));     // backwards
  EXPECT_FALSE(knits_xlate_push(&x, 950, -951, kLegA));  // before the leg's first byte
  EXPECT_EQ(x.count, before.count);
  EXPECT_TRUE(knits_xlate_push(&x, 950, -950, kLegA));  // exactly its first byte
}

TEST(Xlate, PushRefusesAnUninitialisedHistoryAndOverflowingInput) {
  knits_xlate zeroed{};
  EXPECT_FALSE(knits_xlate_push(&zeroed, 10, 0, kLegB));
  EXPECT_EQ(zeroed.count, 0);

  knits_xlate x{};
  knits_xlate_init(&x, kLegA);
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  EXPECT_FALSE(knits_xlate_push(&x, kMax, kMin, kLegB));  // sum would overflow
  EXPECT_TRUE(knits_xlate_push(&x, kMax, -kMax, kLegB));  // leg offset 0
  EXPECT_EQ(x.count, 2);
}

TEST(Xlate, HistoryHoldsExactlyItsLimitAndRefusesOneMore) {
  knits_xlate x{};
  knits_xlate_init(&x, 0);
  for (std::int64_t i = 1; i < KNITS_XLATE_MAX; i++) {
    ASSERT_TRUE(knits_xlate_push(&x, i * 100, -i * 10, static_cast<std::uint8_t>(i)));
  }
  ASSERT_EQ(x.count, KNITS_XLATE_MAX);
  const knits_xlate full = x;
  EXPECT_FALSE(knits_xlate_push(&x, 100000, 0, 0));
  ASSERT_EQ(x.count, KNITS_XLATE_MAX);
  for (int i = 0; i < KNITS_XLATE_MAX; i++) {
    EXPECT_EQ(x.entry[i].from, full.entry[i].from);
    EXPECT_EQ(x.entry[i].leg, full.entry[i].leg);
  }
  EXPECT_EQ(pieces(x, 0, 100000).size(), static_cast<std::size_t>(KNITS_XLATE_MAX));
  // A caller with less room gets the oldest pieces only.
  std::array<knits_xlate_piece, 2> two{};
  EXPECT_EQ(knits_xlate_pieces(&x, 0, 100000, two.data(), 2), 2U);
  EXPECT_EQ(two[1].leg, 1);
}

TEST(Xlate, RetiringTheOldestKeepsTheEntryInForceAndFreesRoom) {
  knits_xlate x = two_handoffs();
  ASSERT_TRUE(knits_xlate_retire_oldest(&x));  // A's leg is over
  ASSERT_EQ(x.count, 2);
  EXPECT_EQ(knits_xlate_lookup(&x, 419), nullptr);
  EXPECT_EQ(knits_xlate_lookup(&x, 420)->leg, kLegB);
  ASSERT_TRUE(knits_xlate_retire_oldest(&x));
  ASSERT_EQ(x.count, 1);
  EXPECT_EQ(x.entry[0].leg, kLegC);
  EXPECT_FALSE(knits_xlate_retire_oldest(&x));  // the one in force stays
  ASSERT_EQ(x.count, 1);
  EXPECT_TRUE(knits_xlate_push(&x, std::int64_t{1} << 41, 7, kLegA));
}

TEST(Xlate, AnEmptyStretchRetiresWithItsOwnLegOnly) {
  // B handed off before the stream moved: its stretch is empty, its entry
  // still says where its offsets start
  knits_xlate x{};
  knits_xlate_init(&x, 0);
  ASSERT_TRUE(knits_xlate_push(&x, 100, -40, 1));
  ASSERT_TRUE(knits_xlate_push(&x, 100, -90, 2));
  ASSERT_TRUE(knits_xlate_retire_oldest(&x));
  ASSERT_EQ(x.count, 2);
  EXPECT_EQ(x.entry[0].leg, 1U);
  EXPECT_EQ(x.entry[0].delta, -40);
  EXPECT_EQ(knits_xlate_lookup(&x, 100)->leg, 2U);
}

// The naive model: the switch points in push order (a later point at the
// same offset empties the earlier one), retired oldest first; every
// question answered by brute force over all of them.
class NaiveHistory {
 public:
  struct Point {
    std::int64_t from;
    std::int64_t delta;
    std::uint8_t leg;
  };

  explicit NaiveHistory(std::uint8_t leg) { points_.push_back({0, 0, leg}); }

  bool push(std::int64_t from, std::int64_t delta, std::uint8_t leg) {
    if (points_.size() >= KNITS_XLATE_MAX || from < points_.back().from || from + delta < 0) {
      return false;
    }
    points_.push_back({from, delta, leg});
    return true;
  }

  bool retire_oldest() {
    if (points_.size() < 2) {
      return false;
    }
    points_.erase(points_.begin());
    return true;
  }

  // The switch point in force at off (callers ask only where at() found one).
  [[nodiscard]] std::int64_t from_of(std::int64_t off) const { return in_force(off)->from; }

  // (found, leg, leg offset)
  [[nodiscard]] std::tuple<bool, std::uint8_t, std::int64_t> at(std::int64_t off) const {
    const Point* p = in_force(off);
    if (p == nullptr) {
      return {false, 0, 0};
    }
    return {true, p->leg, off + p->delta};
  }

 private:
  // The last pushed point at or before off.
  [[nodiscard]] const Point* in_force(std::int64_t off) const {
    const Point* found = nullptr;
    for (const Point& p : points_) {
      if (p.from <= off) {
        found = &p;
      }
    }
    return found;
  }

  std::vector<Point> points_;
};

TEST(Xlate, AgreesWithTheNaiveModelOnRandomHistories) {
  std::mt19937_64 rng(20261122);
  for (int round = 0; round < 500; round++) {
    knits_xlate x{};
    knits_xlate_init(&x, 0);
    NaiveHistory model(0);
    std::int64_t top = 0;
    for (int step = 0; step < 40; step++) {
      const auto kind = rng() % 3;
      if (kind == 0) {
        const std::int64_t from = top + static_cast<std::int64_t>(rng() % 5000) - 100;
        const std::int64_t delta = -static_cast<std::int64_t>(rng() % 6000) + 500;
        const auto leg = static_cast<std::uint8_t>(rng() % 4);
        const bool want = model.push(from, delta, leg);
        ASSERT_EQ(knits_xlate_push(&x, from, delta, leg), want);
        if (want) {
          top = from;
        }
      } else if (kind == 1) {
        ASSERT_EQ(knits_xlate_retire_oldest(&x), model.retire_oldest());
      }
      // Every offset around every point agrees.
      for (std::int64_t off = -2; off <= top + 3;
           off += 1 + static_cast<std::int64_t>(rng() % 97)) {
        const auto [found, leg, leg_off] = model.at(off);
        const knits_xlate_entry* e = knits_xlate_lookup(&x, off);
        ASSERT_EQ(e != nullptr, found) << "round " << round << " off " << off;
        if (found) {
          ASSERT_EQ(e->leg, leg);
          ASSERT_EQ(off + e->delta, leg_off);
        }
      }
      // Pieces are what the model says: one per switch point whose stretch
      // meets [lo, hi), in leg offsets.
      const auto lo = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(top + 10));
      const std::int64_t hi = lo + static_cast<std::int64_t>(rng() % 600);
      std::vector<knits_xlate_piece> want;
      std::int64_t piece_from = -1;
      for (std::int64_t off = lo; off < hi; off++) {
        const auto [found, leg, leg_off] = model.at(off);
        if (!found) {
          continue;
        }
        if (model.from_of(off) == piece_from) {
          want.back().hi++;
          continue;
        }
        piece_from = model.from_of(off);
        want.push_back({leg_off, leg_off + 1, leg});
      }
      ASSERT_EQ(pieces(x, lo, hi), want) << "round " << round << " [" << lo << ", " << hi << ")";
    }
  }
}

}  // namespace
