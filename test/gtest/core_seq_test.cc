// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The freestanding sequence-number core (kmod/core/seq.h), as the kernel
// module runs it.

#include <cstdint>
#include <limits>
#include <random>

#include <gtest/gtest.h>

#include "knits_core.h"

namespace {

constexpr std::int64_t kLap = std::int64_t{1} << 32;   // one trip round the circle
constexpr std::int64_t kHalf = std::int64_t{1} << 31;  // the reach of a reference
constexpr std::int64_t kGiB = std::int64_t{1} << 30;

TEST(SeqCompare, OrdersAcrossTheWrap) {
  constexpr std::uint32_t kLate = 0xFFFFFFF0U;
  constexpr std::uint32_t kEarly = 5;  // 21 bytes after kLate, past the wrap
  EXPECT_EQ(knits_seq_diff(kEarly, kLate), 21);
  EXPECT_EQ(knits_seq_diff(kLate, kEarly), -21);
  EXPECT_TRUE(knits_seq_after(kEarly, kLate));
  EXPECT_TRUE(knits_seq_after_eq(kEarly, kLate));
  EXPECT_TRUE(knits_seq_before(kLate, kEarly));
  EXPECT_TRUE(knits_seq_before_eq(kLate, kEarly));
  EXPECT_FALSE(knits_seq_before(kEarly, kLate));
  EXPECT_EQ(knits_seq_max(kLate, kEarly), kEarly);
  EXPECT_EQ(knits_seq_min(kLate, kEarly), kLate);
  EXPECT_TRUE(knits_seq_after(0, 0xFFFFFFFFU));
}

TEST(SeqCompare, EqualIsNeitherBeforeNorAfter) {
  for (const std::uint32_t seq : {0U, 1U, 0x7FFFFFFFU, 0x80000000U, 0xFFFFFFFFU}) {
    EXPECT_FALSE(knits_seq_before(seq, seq));
    EXPECT_FALSE(knits_seq_after(seq, seq));
    EXPECT_TRUE(knits_seq_before_eq(seq, seq));
    EXPECT_TRUE(knits_seq_after_eq(seq, seq));
    EXPECT_EQ(knits_seq_diff(seq, seq), 0);
  }
}

TEST(SeqCompare, JustUnderHalfTheCircleIsOrdered) {
  for (const std::uint32_t base : {0U, 0x7FFFFFFFU, 0x80000000U, 0xFFFFFFFFU}) {
    const std::uint32_t ahead = base + 0x7FFFFFFFU;
    EXPECT_EQ(knits_seq_diff(ahead, base), std::numeric_limits<std::int32_t>::max());
    EXPECT_TRUE(knits_seq_after(ahead, base));
    EXPECT_TRUE(knits_seq_before(base, ahead));
  }
}

// At exactly 2^31 apart, RFC 1982 leaves the order undefined; the core
// calls each number before the other. This pins that down so a change to it
// is a conscious one.
TEST(SeqCompare, ExactlyHalfTheCircleIsBeforeBothWays) {
  for (const std::uint32_t base : {0U, 0x7FFFFFFFU, 0x80000000U, 0xFFFFFFFFU}) {
    const std::uint32_t opposite = base + 0x80000000U;
    EXPECT_EQ(knits_seq_diff(opposite, base), std::numeric_limits<std::int32_t>::min());
    EXPECT_EQ(knits_seq_diff(base, opposite), std::numeric_limits<std::int32_t>::min());
    EXPECT_TRUE(knits_seq_before(opposite, base));
    EXPECT_TRUE(knits_seq_before(base, opposite));
    EXPECT_FALSE(knits_seq_after(opposite, base));
    EXPECT_FALSE(knits_seq_after(base, opposite));
  }
}

TEST(SeqInWindow, Edges) {
  EXPECT_TRUE(knits_seq_in_window(1000, 1000, 100));
  EXPECT_TRUE(knits_seq_in_window(1099, 1000, 100));
  EXPECT_FALSE(knits_seq_in_window(1100, 1000, 100));
  EXPECT_FALSE(knits_seq_in_window(999, 1000, 100));
}

TEST(SeqInWindow, AcrossTheWrap) {
  constexpr std::uint32_t kLo = 0xFFFFFFF0U;
  constexpr std::uint32_t kLen = 0x20;
  EXPECT_TRUE(knits_seq_in_window(kLo, kLo, kLen));
  EXPECT_TRUE(knits_seq_in_window(0xFFFFFFFFU, kLo, kLen));
  EXPECT_TRUE(knits_seq_in_window(0, kLo, kLen));
  EXPECT_TRUE(knits_seq_in_window(0xF, kLo, kLen));
  EXPECT_FALSE(knits_seq_in_window(0x10, kLo, kLen));
  EXPECT_FALSE(knits_seq_in_window(kLo - 1, kLo, kLen));
}

TEST(SeqInWindow, EmptyAndFullWindows) {
  for (const std::uint32_t lo : {0U, 0x80000000U, 0xFFFFFFFFU}) {
    EXPECT_FALSE(knits_seq_in_window(lo, lo, 0));
    EXPECT_TRUE(knits_seq_in_window(lo, lo, 0xFFFFFFFFU));
    EXPECT_TRUE(knits_seq_in_window(lo - 2, lo, 0xFFFFFFFFU));
    EXPECT_FALSE(knits_seq_in_window(lo - 1, lo, 0xFFFFFFFFU));
  }
}

TEST(SeqOffset, SynIsAtMinusOne) {
  for (const std::uint32_t isn : {0U, 1U, 0x7FFFFFFFU, 0xFFFFFFFFU}) {
    EXPECT_EQ(knits_seq_from_offset(isn, -1), isn);
    EXPECT_EQ(knits_seq_from_offset(isn, 0), isn + 1);
    EXPECT_EQ(knits_seq_to_offset(isn, isn, 0), -1);
    EXPECT_EQ(knits_seq_to_offset(isn, isn, -1), -1);
    EXPECT_EQ(knits_seq_to_offset(isn, isn + 1, 0), 0);
  }
}

TEST(SeqOffset, RoundTripsBeyondFourGiBWithReferenceOnBothSides) {
  for (const std::uint32_t isn : {0U, 1U, 0x7FFFFFFFU, 0xDEADBEEFU, 0xFFFFFFFFU}) {
    for (const std::int64_t off : {4 * kGiB - 1, 4 * kGiB, 4 * kGiB + 1, 5 * kGiB + 12345,
                                   (std::int64_t{1} << 40) + 7, 1000 * kLap - 1}) {
      const std::uint32_t seq = knits_seq_from_offset(isn, off);
      for (const std::int64_t near : {off, off - 1, off + 1, off - (kHalf - 1), off + kHalf}) {
        EXPECT_EQ(knits_seq_to_offset(isn, seq, near), off)
            << "isn=" << isn << " off=" << off << " near=" << near;
      }
    }
  }
}

// Half a circle behind the reference, a sequence number is as far from one
// lap as from the other; the core picks the earlier one.
TEST(SeqOffset, ExactlyHalfACircleAheadResolvesOneLapBack) {
  const std::int64_t off = 5 * kGiB;
  const std::uint32_t seq = knits_seq_from_offset(0x12345678U, off);
  EXPECT_EQ(knits_seq_to_offset(0x12345678U, seq, off - kHalf), off - kLap);
}

// Finds the offset by trying the laps around @near in plain 64-bit
// arithmetic, without the core's modular shortcut.
std::int64_t naive_to_offset(std::uint32_t isn, std::uint32_t seq, std::int64_t near) {
  const std::int64_t in_first_lap =
      ((std::int64_t{seq} - std::int64_t{isn} - 1) % kLap + kLap) % kLap;
  const std::int64_t near_lap = near >= 0 ? near / kLap : -((-near + kLap - 1) / kLap);
  for (std::int64_t lap = near_lap - 1; lap <= near_lap + 1; ++lap) {
    const std::int64_t candidate = in_first_lap + lap * kLap;
    if (candidate - near >= -kHalf && candidate - near < kHalf) {
      return candidate;
    }
  }
  ADD_FAILURE() << "no candidate for isn=" << isn << " seq=" << seq << " near=" << near;
  return 0;
}

class SeqOffsetProperty : public ::testing::Test {
 protected:
  static constexpr int kIterations = 200000;
  // Spans thousands of laps and reaches below zero, where the SYN lives.
  static constexpr std::int64_t kMaxOffset = std::int64_t{1} << 44;

  std::uint32_t random_seq() { return static_cast<std::uint32_t>(rng_()); }

  std::int64_t random_offset(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(rng_() % static_cast<std::uint64_t>(hi - lo + 1));
  }

 private:
  std::mt19937_64 rng_{0x6b6e697473ULL};  // fixed seed: failures must replay
};

TEST_F(SeqOffsetProperty, MatchesNaiveReference) {
  for (int i = 0; i < kIterations; ++i) {
    const std::uint32_t isn = random_seq();
    const std::uint32_t seq = random_seq();
    const std::int64_t near = random_offset(-kHalf, kMaxOffset);
    ASSERT_EQ(knits_seq_to_offset(isn, seq, near), naive_to_offset(isn, seq, near))
        << "isn=" << isn << " seq=" << seq << " near=" << near;
  }
}

TEST_F(SeqOffsetProperty, RoundTripsWithinHalfACircle) {
  for (int i = 0; i < kIterations; ++i) {
    const std::uint32_t isn = random_seq();
    const std::int64_t off = random_offset(-1, kMaxOffset);
    const std::int64_t near = off - random_offset(-kHalf, kHalf - 1);
    ASSERT_EQ(knits_seq_to_offset(isn, knits_seq_from_offset(isn, off), near), off)
        << "isn=" << isn << " off=" << off << " near=" << near;
  }
}

}  // namespace
