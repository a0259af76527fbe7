// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// What a segment may teach the gateway about a connection it has not
// spliced (kmod/core/tcp_side.h): only what its receiver would accept.
// The worked connection: client ISN 1000 (window scale 7), member ISN
// 5000 (scale 9), both with SACK and timestamps; after the handshake the
// client announces 1000 << 7 bytes and the member 500 << 9.

#include <cstdint>

#include <gtest/gtest.h>

#include "knits_core.h"

namespace {

constexpr std::uint32_t kClientIsn = 1000;
constexpr std::uint32_t kMemberIsn = 5000;
constexpr std::uint8_t kSyn = KNITS_TCPF_SYN;
constexpr std::uint8_t kAck = KNITS_TCPF_ACK;
constexpr std::uint8_t kFin = KNITS_TCPF_FIN;
constexpr std::uint8_t kRst = KNITS_TCPF_RST;
constexpr std::uint32_t kClientWin = 1000U << 7;
constexpr std::uint32_t kMemberWin = 500U << 9;

knits_tcp_seg segment(std::uint32_t seq, std::uint32_t len, std::uint32_t ack, std::uint16_t win,
                      std::uint8_t flags) {
  knits_tcp_seg s{};
  s.seq = seq;
  s.len = len;
  s.ack = ack;
  s.win = win;
  s.flags = flags;
  return s;
}

knits_tcp_seg syn(std::uint32_t isn, std::uint8_t wscale, std::uint8_t flags = kSyn,
                  std::uint32_t ack = 0) {
  knits_tcp_seg s = segment(isn, 0, ack, 65535, flags);
  s.has_opts = true;
  s.opts.has_mss = true;
  s.opts.mss = 1460;
  s.opts.has_wscale = true;
  s.opts.wscale = wscale;
  s.opts.sack_ok = true;
  s.opts.has_ts = true;
  s.opts.tsval = 1;
  return s;
}

class Side : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(send(client_, member_, syn(kClientIsn, 7)), KNITS_SEG_ACCEPT);
    ASSERT_EQ(send(member_, client_, syn(kMemberIsn, 9, kSyn | kAck, kClientIsn + 1)),
              KNITS_SEG_ACCEPT);
    ASSERT_EQ(send(client_, member_, segment(kClientIsn + 1, 0, kMemberIsn + 1, 1000, kAck)),
              KNITS_SEG_ACCEPT);
    ASSERT_EQ(send(member_, client_, segment(kMemberIsn + 1, 0, kClientIsn + 1, 500, kAck)),
              KNITS_SEG_ACCEPT);
  }

  // The gateway's handling of a segment from @from: checked, and learned
  // from when accepted.
  static knits_seg_verdict send(knits_tcp_side& from, const knits_tcp_side& to,
                                const knits_tcp_seg& s) {
    const knits_seg_verdict v = knits_tcp_seg_check(&from, &to, &s);
    if (v == KNITS_SEG_ACCEPT) {
      knits_tcp_side_update(&from, &to, &s);
    }
    return v;
  }

  // An RST from the client at @seq, acknowledging what it has.
  knits_seg_verdict client_rst(std::uint32_t seq) {
    return send(client_, member_, segment(seq, 0, client_.ack, 0, kRst | kAck));
  }

  knits_tcp_side client_{};
  knits_tcp_side member_{};
};

TEST_F(Side, TheHandshakeSetsIsnsWindowsAndTheirRightEdges) {
  EXPECT_EQ(client_.isn, kClientIsn);
  EXPECT_EQ(member_.isn, kMemberIsn);
  EXPECT_EQ(client_.right, kMemberIsn + 1 + kClientWin);
  EXPECT_EQ(member_.right, kClientIsn + 1 + kMemberWin);
  EXPECT_EQ(knits_tcp_side_end_off(&client_), 0);
}

TEST_F(Side, AnRstWhereTheReceiverStandsEndsIt) {
  EXPECT_EQ(client_rst(kClientIsn + 1), KNITS_SEG_ACCEPT);
}

TEST_F(Side, AnRstRightAfterTheSendersLastByteEndsIt) {
  // the client wrote 100 bytes the member has not acknowledged yet, then
  // reset (the member may have them all when the RST arrives)
  ASSERT_EQ(send(client_, member_, segment(kClientIsn + 1, 100, kMemberIsn + 1, 1000, kAck)),
            KNITS_SEG_ACCEPT);
  EXPECT_EQ(client_rst(kClientIsn + 101), KNITS_SEG_ACCEPT);
}

TEST_F(Side, AnRstElsewhereInTheWindowIsPassedOnUnlearned) {
  // the member answers it with a challenge ACK (RFC 5961 3.2)
  EXPECT_EQ(client_rst(kClientIsn + 2), KNITS_SEG_IGNORE);
  EXPECT_EQ(client_rst(kClientIsn + 1 + kMemberWin), KNITS_SEG_IGNORE);  // the right edge
}

TEST_F(Side, ABlindRstOutsideTheWindowIsDropped) {
  EXPECT_EQ(client_rst(kClientIsn + 1 + (1U << 30)), KNITS_SEG_DROP);
  EXPECT_EQ(client_rst(kClientIsn + 2 + kMemberWin), KNITS_SEG_DROP);
  EXPECT_EQ(client_rst(kClientIsn), KNITS_SEG_DROP);  // behind what was acknowledged
  // the member's, toward the client
  EXPECT_EQ(send(member_, client_, segment(kMemberIsn + 1 - (1U << 31), 0, 0, 0, kRst)),
            KNITS_SEG_DROP);
  EXPECT_EQ(send(member_, client_, segment(kMemberIsn + 1, 0, 0, 0, kRst)), KNITS_SEG_ACCEPT);
}

TEST_F(Side, AnRstAtTheFinAfterItWasAcknowledgedEndsIt) {
  // Linux in CLOSE_WAIT or LAST_ACK also takes rcv_nxt - 1
  ASSERT_EQ(send(client_, member_, segment(kClientIsn + 1, 0, kMemberIsn + 1, 1000, kFin | kAck)),
            KNITS_SEG_ACCEPT);
  ASSERT_EQ(send(member_, client_, segment(kMemberIsn + 1, 0, kClientIsn + 2, 500, kAck)),
            KNITS_SEG_ACCEPT);
  EXPECT_EQ(client_rst(kClientIsn + 1), KNITS_SEG_ACCEPT);
}

TEST(SideHandshake, AnRstRefusingASynMustAcknowledgeIt) {
  knits_tcp_side client{};
  knits_tcp_side member{};
  const knits_tcp_seg s = syn(kClientIsn, 7);
  ASSERT_EQ(knits_tcp_seg_check(&client, &member, &s), KNITS_SEG_ACCEPT);
  knits_tcp_side_update(&client, &member, &s);
  // a closed port's answer: seq 0, acknowledging the SYN
  knits_tcp_seg refusal = segment(0, 0, kClientIsn + 1, 0, kRst | kAck);
  EXPECT_EQ(knits_tcp_seg_check(&member, &client, &refusal), KNITS_SEG_ACCEPT);
  refusal.ack = kClientIsn + 5;
  EXPECT_EQ(knits_tcp_seg_check(&member, &client, &refusal), KNITS_SEG_DROP);
  refusal.flags = kRst;
  refusal.ack = 0;
  EXPECT_EQ(knits_tcp_seg_check(&member, &client, &refusal), KNITS_SEG_DROP);
  // the client giving up on its own SYN resets at its next number
  const knits_tcp_seg abort = segment(kClientIsn + 1, 0, 0, 0, kRst);
  EXPECT_EQ(knits_tcp_seg_check(&client, &member, &abort), KNITS_SEG_ACCEPT);
}

TEST_F(Side, ASynOnALiveConnectionChangesNothing) {
  const knits_tcp_side before = client_;
  // a client that lost its state, or a forgery: the member answers with a
  // challenge ACK
  EXPECT_EQ(send(client_, member_, syn(77777, 2)), KNITS_SEG_IGNORE);
  // a retransmission of the first
  EXPECT_EQ(send(client_, member_, syn(kClientIsn, 7)), KNITS_SEG_IGNORE);
  EXPECT_EQ(client_.isn, before.isn);
  EXPECT_EQ(client_.end, before.end);
  EXPECT_EQ(client_.wscale, before.wscale);
  EXPECT_EQ(client_.flags, before.flags);
}

TEST(SideHandshake, ASynWithAnotherIsnBeforeAnyAnswerStartsAfresh) {
  knits_tcp_side client{};
  knits_tcp_side member{};
  knits_tcp_seg s = syn(kClientIsn, 7);
  knits_tcp_side_update(&client, &member, &s);
  // connect() again from the same port: a new ISN, nothing answered yet
  s = syn(kClientIsn + 99999, 7);
  ASSERT_EQ(knits_tcp_seg_check(&client, &member, &s), KNITS_SEG_ACCEPT);
  knits_tcp_side_update(&client, &member, &s);
  EXPECT_EQ(client.isn, kClientIsn + 99999);
  // once the member has answered, a SYN changes nothing
  const knits_tcp_seg synack = syn(kMemberIsn, 9, kSyn | kAck, kClientIsn + 100000);
  ASSERT_EQ(knits_tcp_seg_check(&member, &client, &synack), KNITS_SEG_ACCEPT);
  knits_tcp_side_update(&member, &client, &synack);
  s = syn(kClientIsn, 7);
  EXPECT_EQ(knits_tcp_seg_check(&client, &member, &s), KNITS_SEG_IGNORE);
}

TEST(SideHandshake, ASynAckThatDoesNotAcknowledgeTheSynChangesNothing) {
  knits_tcp_side client{};
  knits_tcp_side member{};
  const knits_tcp_seg s = syn(kClientIsn, 7);
  knits_tcp_side_update(&client, &member, &s);
  for (const std::uint32_t ack : {kClientIsn, kClientIsn + 2, kClientIsn + (1U << 31)}) {
    const knits_tcp_seg synack = syn(kMemberIsn, 9, kSyn | kAck, ack);
    EXPECT_EQ(knits_tcp_seg_check(&member, &client, &synack), KNITS_SEG_IGNORE) << ack;
  }
  EXPECT_EQ(member.flags, 0);
}

TEST_F(Side, BytesBeyondTheWindowAreDroppedAndTeachNothing) {
  const std::uint32_t edge = kClientIsn + 1 + kMemberWin;
  EXPECT_EQ(send(client_, member_, segment(edge + 1, 100, kMemberIsn + 1, 1000, kAck)),
            KNITS_SEG_DROP);
  EXPECT_EQ(send(client_, member_, segment(edge + (1U << 30), 100, kMemberIsn + 1, 1000, kAck)),
            KNITS_SEG_DROP);
  EXPECT_EQ(knits_tcp_side_end_off(&client_), 0);
  // starting at the edge is the receiver's to judge (Linux takes a
  // segment that starts inside its window, RFC 9293 3.10.7.4)
  EXPECT_EQ(send(client_, member_, segment(edge - 10, 100, kMemberIsn + 1, 1000, kAck)),
            KNITS_SEG_ACCEPT);
  EXPECT_EQ(knits_tcp_side_end_off(&client_), kMemberWin + 90);
}

TEST_F(Side, AnAckOfBytesNeverSentIsDropped) {
  EXPECT_EQ(send(client_, member_, segment(kClientIsn + 1, 10, kMemberIsn + 2, 1000, kAck)),
            KNITS_SEG_DROP);
  EXPECT_EQ(knits_tcp_side_end_off(&client_), 0);
  EXPECT_EQ(client_.ack, kMemberIsn + 1);
  // once the member sent a byte, it may be acknowledged
  ASSERT_EQ(send(member_, client_, segment(kMemberIsn + 1, 1, kClientIsn + 1, 500, kAck)),
            KNITS_SEG_ACCEPT);
  EXPECT_EQ(send(client_, member_, segment(kClientIsn + 1, 10, kMemberIsn + 2, 1000, kAck)),
            KNITS_SEG_ACCEPT);
  EXPECT_EQ(client_.ack, kMemberIsn + 2);
}

TEST_F(Side, TheRightEdgeNeverMovesBackOnAReorderedWindow) {
  // a window update that grew it, then an older one with the same ack
  ASSERT_EQ(send(member_, client_, segment(kMemberIsn + 1, 0, kClientIsn + 1, 900, kAck)),
            KNITS_SEG_ACCEPT);
  ASSERT_EQ(send(member_, client_, segment(kMemberIsn + 1, 0, kClientIsn + 1, 500, kAck)),
            KNITS_SEG_ACCEPT);
  EXPECT_EQ(member_.right, kClientIsn + 1 + (900U << 9));
  // the client may still fill the wider one
  EXPECT_EQ(send(client_, member_,
                 segment(kClientIsn + 1 + (800U << 9), 100, kMemberIsn + 1, 1000, kAck)),
            KNITS_SEG_ACCEPT);
}

TEST(SideHandshake, WindowsAreScaledOnlyWhenBothSynsAgreed) {
  knits_tcp_side client{};
  knits_tcp_side member{};
  knits_tcp_seg s = syn(kClientIsn, 7);
  knits_tcp_side_update(&client, &member, &s);
  s = syn(kMemberIsn, 9, kSyn | kAck, kClientIsn + 1);
  s.opts.has_wscale = false;
  knits_tcp_side_update(&member, &client, &s);
  s = segment(kMemberIsn + 1, 0, kClientIsn + 1, 500, kAck);
  ASSERT_EQ(knits_tcp_seg_check(&member, &client, &s), KNITS_SEG_ACCEPT);
  knits_tcp_side_update(&member, &client, &s);
  EXPECT_EQ(member.right, kClientIsn + 1 + 500);
}

TEST_F(Side, OffsetsKeepCountingPastFourGibibytes) {
  // 5 GiB from the client in 64 KiB segments, each acknowledged by the
  // member with its window moving along
  constexpr std::uint32_t kSeg = 65536;
  constexpr std::int64_t kTotal = std::int64_t{5} << 30;
  std::uint32_t seq = kClientIsn + 1;
  for (std::int64_t sent = 0; sent < kTotal; sent += kSeg) {
    ASSERT_EQ(send(client_, member_, segment(seq, kSeg, kMemberIsn + 1, 1000, kAck)),
              KNITS_SEG_ACCEPT)
        << sent;
    seq += kSeg;
    ASSERT_EQ(send(member_, client_,
                   segment(kMemberIsn + 1, 0,
                           kClientIsn + 1 + static_cast<std::uint32_t>(sent + kSeg), 500, kAck)),
              KNITS_SEG_ACCEPT)
        << sent;
  }
  EXPECT_EQ(knits_tcp_side_end_off(&client_), kTotal);
  EXPECT_EQ(client_.end, kClientIsn + 1 + static_cast<std::uint32_t>(kTotal));
  // an old retransmission moves nothing back
  ASSERT_EQ(send(client_, member_, segment(seq - 2 * kSeg, kSeg, kMemberIsn + 1, 1000, kAck)),
            KNITS_SEG_ACCEPT);
  EXPECT_EQ(knits_tcp_side_end_off(&client_), kTotal);
  // nor does a forgery half the sequence space away
  EXPECT_EQ(send(client_, member_, segment(seq + (1U << 31) - 1, 1, kMemberIsn + 1, 1000, kAck)),
            KNITS_SEG_DROP);
  EXPECT_EQ(knits_tcp_side_end_off(&client_), kTotal);
}

TEST(SideHandshake, AFastOpenSynsDataCounts) {
  knits_tcp_side client{};
  knits_tcp_side member{};
  knits_tcp_seg s = syn(kClientIsn, 7);
  s.len = 300;
  knits_tcp_side_update(&client, &member, &s);
  EXPECT_EQ(knits_tcp_side_end_off(&client), 300);
  // the member takes the data: its SYN-ACK acknowledges it
  const knits_tcp_seg synack = syn(kMemberIsn, 9, kSyn | kAck, kClientIsn + 301);
  EXPECT_EQ(knits_tcp_seg_check(&member, &client, &synack), KNITS_SEG_ACCEPT);
  // or not, and it may acknowledge the SYN alone, or refuse it
  const knits_tcp_seg syn_only = syn(kMemberIsn, 9, kSyn | kAck, kClientIsn + 1);
  EXPECT_EQ(knits_tcp_seg_check(&member, &client, &syn_only), KNITS_SEG_ACCEPT);
  const knits_tcp_seg refusal = segment(0, 0, kClientIsn + 1, 0, kRst | kAck);
  EXPECT_EQ(knits_tcp_seg_check(&member, &client, &refusal), KNITS_SEG_ACCEPT);
  const knits_tcp_seg beyond = syn(kMemberIsn, 9, kSyn | kAck, kClientIsn + 302);
  EXPECT_EQ(knits_tcp_seg_check(&member, &client, &beyond), KNITS_SEG_IGNORE);
}

TEST(SideHandshake, NoSideBeforeItsSynHasAnEndOffset) {
  const knits_tcp_side none{};
  EXPECT_EQ(knits_tcp_side_end_off(&none), 0);
}

}  // namespace
