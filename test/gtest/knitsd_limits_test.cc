// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsd's bounded per-node state: the replay window, the token bucket
// and the answer cache, each at and around its limits.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "handoff/wire.h"
#include "knits_handoff.h"
#include "knitsd/answer_cache.h"
#include "knitsd/replay_window.h"
#include "knitsd/token_bucket.h"

namespace {

using knits::knitsd::AnswerCache;
using knits::knitsd::ReplayWindow;
using knits::knitsd::TokenBucket;
using std::chrono::milliseconds;
using std::chrono::seconds;

// ---- ReplayWindow

TEST(ReplayWindow, AFreshWindowTakesAnyCounterOnce) {
  ReplayWindow window(4);
  for (const std::uint64_t counter : {std::uint64_t{0}, std::uint64_t{1}, ~std::uint64_t{0}}) {
    EXPECT_TRUE(window.fresh(counter)) << counter;
  }
  window.accept(1000);
  EXPECT_FALSE(window.fresh(1000));
  EXPECT_TRUE(window.fresh(999));
  EXPECT_TRUE(window.fresh(1001));
}

// A node's threads send a few microseconds apart, and their requests
// arrive out of order: every counter not seen is taken, however late,
// while the window is not full.
TEST(ReplayWindow, CountersOutOfOrderAreTakenAndDuplicatesRefused) {
  ReplayWindow window(4);
  for (const std::uint64_t counter : {300U, 100U, 200U}) {
    ASSERT_TRUE(window.fresh(counter)) << counter;
    window.accept(counter);
  }
  for (const std::uint64_t counter : {100U, 200U, 300U}) {
    EXPECT_FALSE(window.fresh(counter)) << counter;
  }
  EXPECT_TRUE(window.fresh(50));  // below them all, but nothing was forgotten yet
  EXPECT_TRUE(window.fresh(150));
}

// The window holds exactly its size: with one counter fewer it still knows
// every counter it took and refuses nothing else; the one that fills it
// makes everything at or below the oldest a replay.
TEST(ReplayWindow, AtItsSizeCountersAtOrBelowTheOldestAreRefused) {
  ReplayWindow window(4);
  for (const std::uint64_t counter : {10U, 20U, 30U}) {
    window.accept(counter);
  }
  EXPECT_TRUE(window.fresh(5));  // three of four: not full
  window.accept(40);
  EXPECT_FALSE(window.fresh(5));
  EXPECT_FALSE(window.fresh(9));
  EXPECT_FALSE(window.fresh(10));  // the oldest itself
  // a counter never seen between the oldest and the newest is still taken
  EXPECT_TRUE(window.fresh(11));
  EXPECT_TRUE(window.fresh(35));
  EXPECT_TRUE(window.fresh(41));
}

TEST(ReplayWindow, TheOldestGoesAndTheRefusalBoundMovesUp) {
  ReplayWindow window(4);
  for (const std::uint64_t counter : {10U, 20U, 30U, 40U}) {
    window.accept(counter);
  }
  ASSERT_TRUE(window.fresh(15));
  window.accept(15);  // 10 goes: {15, 20, 30, 40}
  EXPECT_FALSE(window.fresh(10));
  EXPECT_FALSE(window.fresh(15));
  EXPECT_TRUE(window.fresh(16));
  window.accept(50);  // 15 goes: {20, 30, 40, 50}
  EXPECT_FALSE(window.fresh(15));
  EXPECT_FALSE(window.fresh(16));  // never taken, but no longer told apart
  EXPECT_FALSE(window.fresh(20));
  EXPECT_TRUE(window.fresh(21));
  for (const std::uint64_t counter : {30U, 40U, 50U}) {
    EXPECT_FALSE(window.fresh(counter)) << counter;
  }
}

TEST(ReplayWindow, TheDefaultWindowIsTheUapisSize) {
  constexpr std::uint64_t kStep = 1000;
  constexpr std::uint64_t kBase = 1'800'000'000'000'000'000;
  ReplayWindow window;
  for (std::uint64_t i = 1; i < KNITS_HANDOFF_REPLAY_WINDOW; i++) {
    ASSERT_TRUE(window.fresh(kBase + i * kStep)) << i;
    window.accept(kBase + i * kStep);
  }
  // one short of full: below the oldest is still taken
  EXPECT_TRUE(window.fresh(kBase));
  window.accept(kBase + KNITS_HANDOFF_REPLAY_WINDOW * kStep);
  EXPECT_FALSE(window.fresh(kBase));
  EXPECT_FALSE(window.fresh(kBase + kStep));  // the oldest, still known
  EXPECT_TRUE(window.fresh(kBase + kStep + 1));
  for (std::uint64_t i = 1; i <= KNITS_HANDOFF_REPLAY_WINDOW; i++) {
    ASSERT_FALSE(window.fresh(kBase + i * kStep)) << i;
  }
  // one more pushes the oldest out, and it stays refused
  window.accept(kBase + (KNITS_HANDOFF_REPLAY_WINDOW + 1) * kStep);
  EXPECT_FALSE(window.fresh(kBase + kStep));
  EXPECT_FALSE(window.fresh(kBase + kStep + 1));
  EXPECT_TRUE(window.fresh(kBase + 2 * kStep + 1));
}

// ---- TokenBucket

const TokenBucket::Clock::time_point kT0 = TokenBucket::Clock::time_point{} + std::chrono::hours(1);

// Rates and times with exact binary fractions, so that no rounding decides.
TEST(TokenBucket, StartsFullThenRunsDry) {
  TokenBucket bucket(4, 3, kT0);
  EXPECT_TRUE(bucket.take(kT0));
  EXPECT_TRUE(bucket.take(kT0));
  EXPECT_TRUE(bucket.take(kT0));
  EXPECT_FALSE(bucket.take(kT0));
  EXPECT_FALSE(bucket.take(kT0));
}

TEST(TokenBucket, RefillsAtItsRate) {
  TokenBucket bucket(4, 2, kT0);  // a token every 250 ms
  ASSERT_TRUE(bucket.take(kT0));
  ASSERT_TRUE(bucket.take(kT0));
  ASSERT_FALSE(bucket.take(kT0));
  EXPECT_FALSE(bucket.take(kT0 + milliseconds(125)));  // half a token
  EXPECT_TRUE(bucket.take(kT0 + milliseconds(250)));   // the halves add up
  EXPECT_FALSE(bucket.take(kT0 + milliseconds(250)));
  EXPECT_TRUE(bucket.take(kT0 + milliseconds(500)));
  EXPECT_FALSE(bucket.take(kT0 + milliseconds(500)));
  // a refused take costs nothing: 750 ms has a token again
  EXPECT_FALSE(bucket.take(kT0 + milliseconds(625)));
  EXPECT_TRUE(bucket.take(kT0 + milliseconds(750)));
}

TEST(TokenBucket, AnIdleBucketHoldsNoMoreThanItsBurst) {
  TokenBucket bucket(4, 2, kT0);
  ASSERT_TRUE(bucket.take(kT0));
  const TokenBucket::Clock::time_point later = kT0 + seconds(3600);
  EXPECT_TRUE(bucket.take(later));
  EXPECT_TRUE(bucket.take(later));
  EXPECT_FALSE(bucket.take(later));
}

TEST(TokenBucket, ATimeBeforeTheLastOneAddsNothing) {
  TokenBucket bucket(4, 1, kT0 + seconds(10));
  ASSERT_TRUE(bucket.take(kT0 + seconds(10)));
  EXPECT_FALSE(bucket.take(kT0));
  // and does not move the bucket's clock back: 250 ms after the last take
  EXPECT_TRUE(bucket.take(kT0 + seconds(10) + milliseconds(250)));
}

// ---- AnswerCache

AnswerCache::Entry entry(std::uint8_t n) {
  AnswerCache::Entry e;
  e.request_tag.fill(n);
  e.answer = std::vector<std::uint8_t>(3, n);
  return e;
}

TEST(AnswerCache, FindsWhatWasAddedByRequestId) {
  AnswerCache cache(4);
  EXPECT_EQ(cache.find(1), nullptr);
  cache.add(1, entry(0x11));
  cache.add(2, entry(0x22));
  const AnswerCache::Entry* one = cache.find(1);
  ASSERT_NE(one, nullptr);
  EXPECT_EQ(one->request_tag, entry(0x11).request_tag);
  EXPECT_EQ(one->answer, entry(0x11).answer);
  ASSERT_NE(cache.find(2), nullptr);
  EXPECT_EQ(cache.find(2)->answer, entry(0x22).answer);
  EXPECT_EQ(cache.find(3), nullptr);
  EXPECT_EQ(cache.size(), 2U);
}

TEST(AnswerCache, TheOldestGoesAtTheSizeLimit) {
  AnswerCache cache(3);
  cache.add(10, entry(1));
  cache.add(20, entry(2));
  cache.add(30, entry(3));
  EXPECT_EQ(cache.size(), 3U);
  ASSERT_NE(cache.find(10), nullptr);  // exactly full keeps all
  cache.add(40, entry(4));
  EXPECT_EQ(cache.size(), 3U);
  EXPECT_EQ(cache.find(10), nullptr);
  for (const std::uint64_t id : {20U, 30U, 40U}) {
    EXPECT_NE(cache.find(id), nullptr) << id;
  }
  cache.add(50, entry(5));
  EXPECT_EQ(cache.find(20), nullptr);
  EXPECT_NE(cache.find(30), nullptr);
}

// Oldest by when first added: the id order means nothing.
TEST(AnswerCache, AgeIsByArrivalNotById) {
  AnswerCache cache(2);
  cache.add(9, entry(9));
  cache.add(1, entry(1));
  cache.add(5, entry(5));
  EXPECT_EQ(cache.find(9), nullptr);
  EXPECT_NE(cache.find(1), nullptr);
  EXPECT_NE(cache.find(5), nullptr);
}

TEST(AnswerCache, AddingAnIdAgainReplacesItsEntryAndTakesNoMoreRoom) {
  AnswerCache cache(2);
  cache.add(1, entry(1));
  cache.add(1, entry(7));
  EXPECT_EQ(cache.size(), 1U);
  ASSERT_NE(cache.find(1), nullptr);
  EXPECT_EQ(cache.find(1)->answer, entry(7).answer);
  cache.add(2, entry(2));
  EXPECT_EQ(cache.size(), 2U);
  EXPECT_NE(cache.find(1), nullptr);
  cache.add(3, entry(3));  // 1 is the oldest, once
  EXPECT_EQ(cache.find(1), nullptr);
  EXPECT_NE(cache.find(2), nullptr);
  EXPECT_NE(cache.find(3), nullptr);
}

TEST(AnswerCache, SizeZeroKeepsNothing) {
  AnswerCache cache(0);
  cache.add(1, entry(1));
  EXPECT_EQ(cache.size(), 0U);
  EXPECT_EQ(cache.find(1), nullptr);
}

}  // namespace
