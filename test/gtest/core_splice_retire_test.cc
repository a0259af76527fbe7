// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Legs that retire (kmod/core/splice.h): one client connection handed off
// many more times than there are leg slots, each stale leg closed the way
// real stacks close it, so its slot and history entries go to later legs.
// Every round: the client sends 10 bytes and the current node answers with
// 10, then the node hands off everything it read and wrote (T and S are
// its whole parts), the gateway's FIN ends its part, and it closes.

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "core_splice_helpers.h"
#include "knits_core.h"

namespace {

constexpr std::uint32_t kClientIsn = 1000;
constexpr std::uint32_t kAIsn = 5000;
constexpr std::uint32_t kHandOffs = 40;
constexpr std::uint32_t kChunk = 10;

// The ISNs of leg k: its up sender's (the client's on leg 0) and its node's.
struct LegIsns {
  std::uint32_t up;
  std::uint32_t down;
};

LegIsns isns(std::uint32_t k) {
  if (k == 0) {
    return {kClientIsn, kAIsn};
  }
  return {100000U * k, 100000U * k + 50000U};
}

class SpliceRetire : public ::testing::Test {
 protected:
  void SetUp() override {
    knits_tcp_side client = side(kClientIsn, 0, 7, 100, 1460);
    knits_tcp_side a = side(kAIsn, 0, 7, 9000, 1460);
    client.ack = kAIsn + 1;
    client.win = 1000;
    a.ack = kClientIsn + 1;
    a.win = 1000;
    client.flags |= KNITS_SIDE_ACK;
    a.flags |= KNITS_SIDE_ACK;
    knits_splice_init(&st_, &client, &a);
  }

  // The client sends a chunk; it reaches leg @k at its own offsets.
  void client_sends(std::uint32_t k) {
    knits_tcp_seg s = seg(kClientIsn + 1 + up_, kChunk, kAIsn + 1 + down_, 1000, ts(), 0);
    knits_splice_from_client(&st_, &s, &out_);
    ASSERT_EQ(out_.verdict, KNITS_SPLICE_FORWARD) << "leg " << k;
    ASSERT_EQ(out_.leg, k);
    ASSERT_EQ(out_.seq, isns(k).up + 1 + (up_ - t_[k]));
  }

  // Leg @k's node acknowledges the chunk and answers with one of its own,
  // which reaches the client right after everything before it.
  void node_answers(std::uint32_t k) {
    knits_tcp_seg s = seg(isns(k).down + 1 + (down_ - s_[k]), kChunk,
                          isns(k).up + 1 + (up_ + kChunk - t_[k]), 1000, ts(), 0);
    knits_splice_from_node(&st_, k, &s, &out_);
    ASSERT_EQ(out_.verdict, KNITS_SPLICE_FORWARD) << "leg " << k;
    ASSERT_EQ(out_.seq, kAIsn + 1 + down_);
    ASSERT_EQ(out_.ack, kClientIsn + 1 + up_ + kChunk);
    up_ += kChunk;
    down_ += kChunk;
    knits_tcp_seg ack = seg(kClientIsn + 1 + up_, 0, kAIsn + 1 + down_, 1000, ts(), 0);
    knits_splice_from_client(&st_, &ack, &out_);
    ASSERT_EQ(out_.verdict, KNITS_SPLICE_FORWARD);
  }

  // Leg @k hands off to leg k + 1 with everything it read and wrote.
  void hand_off(std::uint32_t k) {
    const LegIsns next = isns(k + 1);
    knits_tcp_side sender = side(next.up, 0, 7, ts(), 1448);
    knits_tcp_side node = side(next.down, 0, 7, ts(), 1460);
    std::int64_t p = 0;
    ASSERT_EQ(knits_splice_add(&st_, &sender, &node, up_ - t_[k], down_ - s_[k], &p),
              KNITS_SPLICE_OK)
        << "hand-off " << k + 1;
    EXPECT_EQ(p, up_ - t_[k]);
    t_.push_back(up_);
    s_.push_back(down_);
  }

  // Stale leg @k's node takes the gateway's FIN and sends its own at the
  // end of its part, acknowledging the gateway's: the gateway answers it.
  void stale_node_closes(std::uint32_t k) {
    const std::uint32_t fin_off = up_ - t_[k];
    knits_tcp_seg fin = seg(isns(k).down + 1 + (down_ - s_[k]), 0, isns(k).up + 1 + fin_off + 1,
                            1000, ts(), 0, KNITS_TCPF_FIN | kAck);
    knits_splice_from_node(&st_, k, &fin, &out_);
    ASSERT_EQ(out_.verdict, KNITS_SPLICE_ABSORB) << "leg " << k;
    // (a previous node that never heard the node's window hears it too)
    int answers = 0;
    for (std::uint8_t i = 0; i < out_.nemit; i++) {
      if (out_.emit[i].to == KNITS_EMIT_TO_NODE) {
        EXPECT_EQ(out_.emit[i].ack, isns(k).down + 1 + (down_ - s_[k]) + 1);
        answers++;
      }
    }
    EXPECT_EQ(answers, 1) << "leg " << k;
  }

  // The previous node's end of leg @k: its copy was empty, so its FIN is
  // answered with the gateway's at once, which it acknowledges.
  void sender_closes(std::uint32_t k) {
    knits_tcp_seg fin =
        seg(isns(k).up + 1, 0, isns(k).down + 1, 1000, ts(), 0, KNITS_TCPF_FIN | kAck);
    knits_splice_from_sender(&st_, k, &fin, &out_);
    ASSERT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);
    ASSERT_EQ(out_.nemit, 1);
    EXPECT_EQ(out_.emit[0].to, KNITS_EMIT_TO_SENDER);
    EXPECT_EQ(out_.emit[0].flags, KNITS_TCPF_FIN | kAck);
    knits_tcp_seg ack = seg(isns(k).up + 2, 0, isns(k).down + 2, 1000, ts(), 0);
    knits_splice_from_sender(&st_, k, &ack, &out_);
    ASSERT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);
  }

  // A round: leg @k serves a chunk, hands off and closes. Returns the
  // legs knits_splice_take_closed() reported then.
  std::vector<std::uint32_t> serve_and_hand_off(std::uint32_t k) {
    client_sends(k);
    node_answers(k);
    hand_off(k);
    stale_node_closes(k);
    std::uint32_t first = 0;
    bool client = false;
    const std::uint32_t mask = knits_splice_take_closed(&st_, &first, &client);
    EXPECT_FALSE(client);
    std::vector<std::uint32_t> legs;
    for (std::uint32_t i = 0; i < KNITS_SPLICE_LEGS; i++) {
      if ((mask >> i & 1U) != 0) {
        legs.push_back(first + i);
      }
    }
    return legs;
  }

  std::uint32_t ts() { return clock_ += 3; }

  knits_splice_state st_{};
  knits_splice_out out_{};
  std::uint32_t up_ = 0;
  std::uint32_t down_ = 0;
  std::uint32_t clock_ = 1000;
  // T_k and S_k of every leg, by leg number
  std::vector<std::uint32_t> t_{0};
  std::vector<std::uint32_t> s_{0};
};

TEST_F(SpliceRetire, ClosedLegsRetireAndTheConnectionHandsOffWithoutEnd) {
  for (std::uint32_t k = 0; k < kHandOffs; k++) {
    const std::vector<std::uint32_t> closed = serve_and_hand_off(k);
    // leg 0 is the client's connection: it stays; a later leg's is over
    EXPECT_EQ(closed, k == 0 ? std::vector<std::uint32_t>{} : std::vector<std::uint32_t>{k})
        << "leg " << k;
    ASSERT_EQ(st_.first, k + 1) << "leg " << k << " retired";
    EXPECT_EQ(st_.up.count, 1);
    EXPECT_EQ(st_.down.count, 1);
    sender_closes(k + 1);
  }
  EXPECT_EQ(st_.nlegs, kHandOffs + 1);
  client_sends(kHandOffs);
  node_answers(kHandOffs);
}

TEST_F(SpliceRetire, ARetiredLegsPacketsAreTakenAndItsBytesAnsweredForTheClient) {
  for (std::uint32_t k = 0; k < 2; k++) {
    serve_and_hand_off(k);
    sender_closes(k + 1);
  }
  ASSERT_EQ(st_.first, 2U);

  // leg 1's node again: retired, nothing of it reaches anyone
  knits_tcp_seg late = seg(isns(1).down + 1, kChunk, isns(1).up + 1, 1000, ts(), 0);
  knits_splice_from_node(&st_, 1, &late, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);
  EXPECT_EQ(out_.nemit, 0);
  knits_splice_from_sender(&st_, 1, &late, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);

  // the client's first chunk again (leg 0's): the gateway acknowledges
  // everything the client was acknowledged, as the service
  knits_tcp_seg again = seg(kClientIsn + 1, kChunk, kAIsn + 1 + down_, 1000, ts(), 0);
  knits_splice_from_client(&st_, &again, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);
  ASSERT_EQ(out_.nemit, 1);
  EXPECT_EQ(out_.emit[0].to, KNITS_EMIT_TO_CLIENT);
  EXPECT_EQ(out_.emit[0].flags, kAck);
  EXPECT_EQ(out_.emit[0].seq, kAIsn + 1 + down_);
  EXPECT_EQ(out_.emit[0].ack, kClientIsn + 1 + up_);
  EXPECT_TRUE(out_.emit[0].ts);

  // new bytes still go to the current leg
  client_sends(2);
}

TEST_F(SpliceRetire, AnOldLegStillClosingHoldsItsSlotAndTheLimitCountsLiveLegs) {
  // leg 0's node never closes: no leg after it can retire before it
  client_sends(0);
  node_answers(0);
  for (std::uint32_t k = 0; k + 1 < KNITS_SPLICE_LEGS; k++) {
    hand_off(k);
    if (k > 0) {
      stale_node_closes(k);
    }
    sender_closes(k + 1);
    std::uint32_t first = 0;
    bool client = false;
    knits_splice_take_closed(&st_, &first, &client);
  }
  EXPECT_EQ(st_.first, 0U);
  const std::uint32_t k = KNITS_SPLICE_LEGS - 1;
  knits_tcp_side sender = side(1, 0, 7, ts(), 1448);
  knits_tcp_side node = side(2, 0, 7, ts(), 1460);
  std::int64_t p = 0;
  EXPECT_EQ(knits_splice_add(&st_, &sender, &node, up_ - t_[k], down_ - s_[k], &p),
            KNITS_SPLICE_TOO_MANY);

  // once leg 0's node closes, it and every closed leg after it retire
  stale_node_closes(0);
  std::uint32_t first = 0;
  bool client = false;
  knits_splice_take_closed(&st_, &first, &client);
  EXPECT_EQ(st_.first, k);
  hand_off(k);
}

}  // namespace
