// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The splice decisions (kmod/core/splice.h) on one worked connection:
// client C on c1 with node A (ISNs 1000 and 5000), A hands off to B over c2
// (ISNs 70000 and 90000) after serving 120 request bytes and writing 200
// response bytes, while the client has sent 300 bytes. Every expected
// number below is computed by hand from the design's rules.

#include <cstdint>

#include <gtest/gtest.h>

#include "core_splice_helpers.h"
#include "knits_core.h"

namespace {

constexpr std::uint32_t kClientIsn = 1000;
constexpr std::uint32_t kAIsn = 5000;
constexpr std::uint32_t kA2Isn = 70000;
constexpr std::uint32_t kBIsn = 90000;

class Splice : public ::testing::Test {
 protected:
  void SetUp() override { splice_with_client_having(200); }

  // The worked connection, with the client having acknowledged
  // @client_has of A's 200 bytes.
  void splice_with_client_having(std::uint32_t client_has) {
    knits_tcp_side client = side(kClientIsn, 300, 7, 100, 1460);
    knits_tcp_side a = side(kAIsn, 200, 7, 9000, 1460);
    client.ack = kAIsn + 1 + client_has;
    client.win = 1000;
    a.ack = kClientIsn + 1 + 300;
    a.win = 500;
    client.flags |= KNITS_SIDE_ACK;
    a.flags |= KNITS_SIDE_ACK;
    knits_splice_init(&st_, &client, &a);
    a2_ = side(kA2Isn, 0, 7, 9100, 1448);
    b_ = side(kBIsn, 0, 9, 50, 1460);
    std::int64_t p = 0;
    ASSERT_EQ(knits_splice_add(&st_, &a2_, &b_, 120, 200, &p), KNITS_SPLICE_OK);
    EXPECT_EQ(p, 300);
  }

  // knits_splice_take_closed() as a mask of leg numbers, the client's
  // connection as leg 0's (the tests here keep below 32 legs)
  std::uint32_t closed_legs() {
    std::uint32_t first = 0;
    bool client = false;
    const std::uint32_t legs = knits_splice_take_closed(&st_, &first, &client);
    return (client ? 1U : 0U) | (legs << first);
  }

  knits_splice_state st_{};
  knits_tcp_side a2_{};
  knits_tcp_side b_{};
  knits_splice_out out_{};
};

TEST_F(Splice, TheRequestThatMadeALegIsKnownWhenSentAgain) {
  std::int64_t p = -1;
  ASSERT_TRUE(knits_splice_resent(&st_, 0, 1, 120, 200, &p));
  EXPECT_EQ(p, 300);  // the P answered when the leg was made
  p = -1;
  EXPECT_FALSE(knits_splice_resent(&st_, 0, 1, 121, 200, &p));  // another T
  EXPECT_FALSE(knits_splice_resent(&st_, 0, 1, 120, 199, &p));  // another S
  EXPECT_FALSE(knits_splice_resent(&st_, 1, 2, 120, 200, &p));  // no leg 2
  EXPECT_FALSE(knits_splice_resent(&st_, 1, 1, 120, 200, &p));  // not made from leg 1
  EXPECT_EQ(p, -1);
  // another hand-off, from leg 1: both requests are still known
  knits_tcp_side b2 = side(kBIsn + 7000, 0, 9, 60, 1460);
  knits_tcp_side c = side(123456, 0, 7, 70, 1460);
  std::int64_t p2 = 0;
  ASSERT_EQ(knits_splice_add(&st_, &b2, &c, 0, 0, &p2), KNITS_SPLICE_OK);
  EXPECT_TRUE(knits_splice_resent(&st_, 1, 2, 0, 0, &p));
  EXPECT_EQ(p, p2);
  EXPECT_TRUE(knits_splice_resent(&st_, 0, 1, 120, 200, &p));
  EXPECT_EQ(p, 300);
  // a retired leg's request is not (its c2 entry is gone anyway)
  st_.first = 2;
  EXPECT_FALSE(knits_splice_resent(&st_, 0, 1, 120, 200, &p));
}

TEST_F(Splice, NewClientBytesGoToBAtTheirOffsetMinusT) {
  knits_tcp_seg s = seg(kClientIsn + 1 + 300, 100, kAIsn + 1 + 200, 1000, 110, 9000);
  knits_splice_from_client(&st_, &s, &out_);
  ASSERT_EQ(out_.verdict, KNITS_SPLICE_FORWARD);
  EXPECT_EQ(out_.leg, 1);
  EXPECT_EQ(out_.seq, kA2Isn + 1 + 180);
  EXPECT_EQ(out_.ack, kBIsn + 1);  // nothing of B's acknowledged yet
  EXPECT_EQ(out_.win, 1000);       // 1000 << 7 >> 7
  ASSERT_TRUE(out_.ts);
  EXPECT_EQ(out_.tsval, 110U + (9100 - 100));  // into A's clock on c2
  EXPECT_EQ(out_.tsecr, 50U);                  // A's 9000 back into B's clock
  EXPECT_EQ(out_.nemit, 0);
}

TEST_F(Splice, ClientSegmentsChooseTheirLegByOffset) {
  knits_tcp_seg below = seg(kClientIsn + 1 + 200, 50, kAIsn + 1 + 200, 1000, 110, 9000);
  knits_splice_from_client(&st_, &below, &out_);
  EXPECT_EQ(out_.leg, 0);
  EXPECT_EQ(out_.seq, kClientIsn + 1 + 200);

  // spans P = 300, starts after T = 120: B takes it whole (A copies the
  // same bytes there)
  knits_tcp_seg span = seg(kClientIsn + 1 + 250, 100, kAIsn + 1 + 200, 1000, 110, 9000);
  knits_splice_from_client(&st_, &span, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_FORWARD);
  EXPECT_EQ(out_.leg, 1);
  EXPECT_EQ(out_.seq, kA2Isn + 1 + 130);

  // spans P and starts before T: no leg holds all of it
  knits_tcp_seg early = seg(kClientIsn + 1 + 100, 250, kAIsn + 1 + 200, 1000, 110, 9000);
  knits_splice_from_client(&st_, &early, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_DROP_STRADDLE);
}

TEST_F(Splice, BsBytesReachTheClientAfterAsWithRescaledWindow) {
  // B acknowledges A's copy (180 bytes) and sends 1000 bytes
  knits_tcp_seg s = seg(kBIsn + 1, 1000, kA2Isn + 1 + 180, 100, 60, 9100);
  knits_splice_from_node(&st_, 1, &s, &out_);
  ASSERT_EQ(out_.verdict, KNITS_SPLICE_FORWARD);
  EXPECT_EQ(out_.seq, kAIsn + 1 + 200);
  EXPECT_EQ(out_.ack, kClientIsn + 1 + 300);
  EXPECT_EQ(out_.win, (100U << 9) >> 7);
  EXPECT_EQ(out_.tsval, 60U + (9000 - 50));  // continues A's clock
  EXPECT_EQ(out_.tsecr, 100U);               // back into the client's clock
  // A's copy is acknowledged to A, as from B
  ASSERT_EQ(out_.nemit, 1);
  EXPECT_EQ(out_.emit[0].to, KNITS_EMIT_TO_SENDER);
  EXPECT_EQ(out_.emit[0].ack, kA2Isn + 1 + 180);
  EXPECT_EQ(out_.emit[0].flags, kAck);
}

TEST_F(Splice, TimestampsToTheClientNeverGoBack) {
  knits_tcp_seg s = seg(kBIsn + 1, 10, kA2Isn + 1, 100, 10, 9100);  // B's clock behind
  knits_splice_from_node(&st_, 1, &s, &out_);
  EXPECT_EQ(out_.tsval, 9000U);  // the floor: the last TSval A showed
}

TEST_F(Splice, TheStaleNodeRetransmitsItsBytesButNothingBeyondS) {
  splice_with_client_having(150);  // the client lacks A's last 50 bytes
  knits_tcp_seg old = seg(kAIsn + 1 + 150, 50, kClientIsn + 1 + 301, 500, 9050, 100);
  knits_splice_from_node(&st_, 0, &old, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_FORWARD);
  EXPECT_EQ(out_.seq, kAIsn + 1 + 150);
  EXPECT_EQ(out_.ack, kClientIsn + 1 + 300);  // never the gateway's FIN

  knits_tcp_seg beyond = seg(kAIsn + 1 + 200, 10, kClientIsn + 1 + 301, 500, 9050, 100);
  knits_splice_from_node(&st_, 0, &beyond, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_DROP_OVERRUN);
}

TEST_F(Splice, TheStaleNodesFinIsTakenAndAcknowledged) {
  knits_tcp_seg fin =
      seg(kAIsn + 1 + 200, 0, kClientIsn + 1 + 301, 500, 9050, 100, KNITS_TCPF_FIN | kAck);
  knits_splice_from_node(&st_, 0, &fin, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);
  ASSERT_EQ(out_.nemit, 1);
  EXPECT_EQ(out_.emit[0].to, KNITS_EMIT_TO_NODE);
  EXPECT_EQ(out_.emit[0].leg, 0);
  EXPECT_EQ(out_.emit[0].seq, kClientIsn + 1 + 301);  // after the gateway's FIN
  EXPECT_EQ(out_.emit[0].ack, kAIsn + 1 + 201);       // A's FIN acknowledged

  // A acknowledges a retransmission of the gateway's FIN from one past its
  // own FIN: taken, no overrun
  knits_tcp_seg last = seg(kAIsn + 1 + 201, 0, kClientIsn + 1 + 301, 500, 9051, 100);
  knits_splice_from_node(&st_, 0, &last, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);
}

TEST_F(Splice, TheGatewaysFinEndsAsCopyOfTheStreamAtP) {
  knits_emit fin{};
  knits_splice_fin_to_node(&st_, 0, &fin);
  EXPECT_EQ(fin.seq, kClientIsn + 1 + 300);
  EXPECT_EQ(fin.flags, KNITS_TCPF_FIN | kAck);
  knits_splice_pending(&st_, &out_);
  EXPECT_EQ(out_.nemit, 1);  // sent again until A acknowledges it

  knits_tcp_seg ack = seg(kAIsn + 1 + 200, 0, kClientIsn + 1 + 301, 500, 9050, 100);
  knits_splice_from_node(&st_, 0, &ack, &out_);
  knits_splice_pending(&st_, &out_);
  EXPECT_EQ(out_.nemit, 0);
}

TEST_F(Splice, TheCopyGoesToBAndItsFinStaysWithTheGateway) {
  knits_tcp_seg copy = seg(kA2Isn + 1, 180, kBIsn + 1, 2000, 9120, 50);
  knits_splice_from_sender(&st_, 1, &copy, &out_);
  ASSERT_EQ(out_.verdict, KNITS_SPLICE_FORWARD);
  EXPECT_EQ(out_.seq, kA2Isn + 1);
  EXPECT_EQ(out_.ack, kBIsn + 1);
  EXPECT_EQ(out_.win, 1000);  // the client's window, not A's

  knits_tcp_seg more = seg(kA2Isn + 1 + 180, 1, kBIsn + 1, 2000, 9120, 50);
  knits_splice_from_sender(&st_, 1, &more, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_DROP_OVERRUN);

  knits_tcp_seg fin = seg(kA2Isn + 1 + 180, 0, kBIsn + 1, 2000, 9120, 50, KNITS_TCPF_FIN | kAck);
  knits_splice_from_sender(&st_, 1, &fin, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);

  // once B has the whole copy, A's FIN is answered with a FIN of "B"
  knits_tcp_seg b_ack = seg(kBIsn + 1, 0, kA2Isn + 1 + 180, 100, 60, 9120);
  knits_splice_from_node(&st_, 1, &b_ack, &out_);
  ASSERT_EQ(out_.nemit, 1);
  EXPECT_EQ(out_.emit[0].to, KNITS_EMIT_TO_SENDER);
  EXPECT_EQ(out_.emit[0].flags, KNITS_TCPF_FIN | kAck);
  EXPECT_EQ(out_.emit[0].seq, kBIsn + 1);
  EXPECT_EQ(out_.emit[0].ack, kA2Isn + 1 + 181);

  // A acknowledges the gateway's FIN from one past its own: taken, and no
  // overrun
  knits_tcp_seg last = seg(kA2Isn + 1 + 181, 0, kBIsn + 2, 2000, 9121, 60);
  knits_splice_from_sender(&st_, 1, &last, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);
  EXPECT_EQ(out_.nemit, 0);
  // but bytes there are beyond the copy
  knits_tcp_seg data = seg(kA2Isn + 1 + 181, 1, kBIsn + 2, 2000, 9121, 60);
  knits_splice_from_sender(&st_, 1, &data, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_DROP_OVERRUN);
}

TEST_F(Splice, AWindowThatOpensOnItsOwnReachesTheCopyingNode) {
  // B has 100 bytes of A's copy and no room left: A is told both
  knits_tcp_seg full = seg(kBIsn + 1, 0, kA2Isn + 1 + 100, 0, 60, 9120);
  knits_splice_from_node(&st_, 1, &full, &out_);
  ASSERT_EQ(out_.nemit, 1);
  EXPECT_EQ(out_.emit[0].to, KNITS_EMIT_TO_SENDER);
  EXPECT_EQ(out_.emit[0].ack, kA2Isn + 1 + 100);
  EXPECT_EQ(out_.emit[0].win, 0);

  // the same ack again says nothing new to A
  knits_splice_from_node(&st_, 1, &full, &out_);
  EXPECT_EQ(out_.nemit, 0);

  // B's application reads: the window opens with the same ack, and A,
  // stopped by the zero window, must hear of it
  knits_tcp_seg open = seg(kBIsn + 1, 0, kA2Isn + 1 + 100, 40, 61, 9120);
  knits_splice_from_node(&st_, 1, &open, &out_);
  ASSERT_EQ(out_.nemit, 1);
  EXPECT_EQ(out_.emit[0].to, KNITS_EMIT_TO_SENDER);
  EXPECT_EQ(out_.emit[0].ack, kA2Isn + 1 + 100);
  EXPECT_EQ(out_.emit[0].win, 40);
}

TEST_F(Splice, ACopyingNodesWindowProbeIsAnswered) {
  knits_tcp_seg full = seg(kBIsn + 1, 0, kA2Isn + 1 + 100, 0, 60, 9120);
  knits_splice_from_node(&st_, 1, &full, &out_);
  // A's probe: a bare ack one byte before what it was acknowledged
  knits_tcp_seg probe = seg(kA2Isn + 100, 0, kBIsn + 1, 2000, 9130, 60);
  knits_splice_from_sender(&st_, 1, &probe, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);
  ASSERT_EQ(out_.nemit, 1);
  EXPECT_EQ(out_.emit[0].to, KNITS_EMIT_TO_SENDER);
  EXPECT_EQ(out_.emit[0].ack, kA2Isn + 1 + 100);
  EXPECT_EQ(out_.emit[0].win, 0);

  // a bare ack at the front of A's stream is no probe: nothing to answer
  knits_tcp_seg bare = seg(kA2Isn + 1 + 100, 0, kBIsn + 1, 2000, 9130, 60);
  knits_splice_from_sender(&st_, 1, &bare, &out_);
  EXPECT_EQ(out_.nemit, 0);
}

TEST_F(Splice, TheClientsWindowEndsAtTheNewNodesRightEdge) {
  // A acknowledged the client up to 300; B has only 100 of A's copy
  // (stream 220): the client's window, which starts at 300, ends where
  // B's does
  // B's window field 100 << 9 = 51200 bytes: room to stream 51420
  knits_tcp_seg s = seg(kBIsn + 1, 10, kA2Isn + 1 + 100, 100, 60, 9120);
  knits_splice_from_node(&st_, 1, &s, &out_);
  EXPECT_EQ(out_.ack, kClientIsn + 1 + 300);
  EXPECT_EQ(out_.win, (51420U - 300) >> 7);

  // room below what the client was acknowledged: a zero window
  knits_tcp_seg none = seg(kBIsn + 1 + 10, 10, kA2Isn + 1 + 100, 0, 61, 9120);
  knits_splice_from_node(&st_, 1, &none, &out_);
  EXPECT_EQ(out_.win, 0);
}

TEST_F(Splice, BareAcksGoWhereTheReceiversWindowStarts) {
  // B has 100 bytes of A's 180-byte copy and a zero window
  knits_tcp_seg full = seg(kBIsn + 1, 20, kA2Isn + 1 + 100, 0, 60, 9120);
  knits_splice_from_node(&st_, 1, &full, &out_);
  // the client (at stream 300, B's offset 180) acknowledges B's bytes:
  // the ack must sit at B's 100, or B discards it as outside its window
  knits_tcp_seg ack = seg(kClientIsn + 1 + 300, 0, kAIsn + 1 + 220, 1000, 120, 9000);
  knits_splice_from_client(&st_, &ack, &out_);
  ASSERT_EQ(out_.verdict, KNITS_SPLICE_FORWARD);
  EXPECT_EQ(out_.leg, 1);
  EXPECT_EQ(out_.seq, kA2Isn + 1 + 100);
  EXPECT_EQ(out_.ack, kBIsn + 1 + 20);

  // the client's window probe (one byte before what it was acknowledged)
  // stays one byte behind B's window, so B answers it
  knits_tcp_seg probe = seg(kClientIsn + 300, 0, kAIsn + 1 + 220, 1000, 121, 9000);
  knits_splice_from_client(&st_, &probe, &out_);
  EXPECT_EQ(out_.seq, kA2Isn + 100);

  // B's bare ack sits where the client's window starts (it acknowledged
  // 220 of the stream); B's own probe one byte behind
  knits_tcp_seg b_ack = seg(kBIsn + 1 + 20, 0, kA2Isn + 1 + 100, 0, 61, 9120);
  knits_splice_from_node(&st_, 1, &b_ack, &out_);
  EXPECT_EQ(out_.seq, kAIsn + 1 + 220);
  knits_tcp_seg b_probe = seg(kBIsn + 20, 0, kA2Isn + 1 + 100, 0, 62, 9120);
  knits_splice_from_node(&st_, 1, &b_probe, &out_);
  EXPECT_EQ(out_.seq, kAIsn + 220);
}

TEST_F(Splice, TheHandshakesLastAckOvertakenByTheSpliceStillReachesB) {
  // A asked while its ACK of B's SYN|ACK was in flight (a2_ has no ACK):
  // B needs it to finish its handshake
  knits_tcp_seg hs = seg(kA2Isn + 1, 0, kBIsn + 1, 500, 9101, 50);
  knits_splice_from_sender(&st_, 1, &hs, &out_);
  ASSERT_EQ(out_.verdict, KNITS_SPLICE_FORWARD);
  EXPECT_EQ(out_.seq, kA2Isn + 1);
  EXPECT_EQ(out_.ack, kBIsn + 1);
  EXPECT_EQ(out_.win, 1000);  // the client's window, as the copy carries
  // a copy of it (netem duplicates) would only be a duplicate ack to B
  knits_splice_from_sender(&st_, 1, &hs, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);
}

TEST_F(Splice, ASenderAckAfterAnEstablishedSpliceStaysWithTheGateway) {
  knits_tcp_side a2 = side(kA2Isn + 7, 0, 7, 9100, 1448);
  a2.flags |= KNITS_SIDE_ACK;
  std::int64_t p = 0;
  ASSERT_EQ(knits_splice_add(&st_, &a2, &b_, 0, 0, &p), KNITS_SPLICE_OK);
  knits_tcp_seg hs = seg(kA2Isn + 8, 0, kBIsn + 1, 500, 9101, 50);
  knits_splice_from_sender(&st_, 2, &hs, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);
}

TEST_F(Splice, ARetransmissionOfAcknowledgedCopyIsAnsweredByTheGateway) {
  knits_tcp_seg b_ack = seg(kBIsn + 1, 0, kA2Isn + 1 + 100, 100, 60, 9120);
  knits_splice_from_node(&st_, 1, &b_ack, &out_);
  ASSERT_EQ(out_.nemit, 1);
  // that ack was lost: A sends bytes B has again
  knits_tcp_seg again = seg(kA2Isn + 1 + 50, 50, kBIsn + 1, 2000, 9130, 60);
  knits_splice_from_sender(&st_, 1, &again, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);
  ASSERT_EQ(out_.nemit, 1);
  EXPECT_EQ(out_.emit[0].to, KNITS_EMIT_TO_SENDER);
  EXPECT_EQ(out_.emit[0].ack, kA2Isn + 1 + 100);
  // bytes beyond what B acknowledged still go to B
  knits_tcp_seg newer = seg(kA2Isn + 1 + 90, 20, kBIsn + 1, 2000, 9130, 60);
  knits_splice_from_sender(&st_, 1, &newer, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_FORWARD);
}

TEST_F(Splice, TheGatewaysFinToTheCopyingNodeIsSentUntilAcknowledged) {
  knits_tcp_seg fin = seg(kA2Isn + 1 + 180, 0, kBIsn + 1, 2000, 9120, 50, KNITS_TCPF_FIN | kAck);
  knits_splice_from_sender(&st_, 1, &fin, &out_);
  knits_tcp_seg b_ack = seg(kBIsn + 1, 0, kA2Isn + 1 + 180, 100, 60, 9120);
  knits_splice_from_node(&st_, 1, &b_ack, &out_);
  ASSERT_EQ(out_.nemit, 1);
  ASSERT_EQ(out_.emit[0].flags, KNITS_TCPF_FIN | kAck);
  // lost: the collector sends it again (with A's FIN at P, leg 0's)
  knits_splice_pending(&st_, &out_);
  int fins_to_a = 0;
  for (int i = 0; i < out_.nemit; i++) {
    if (out_.emit[i].to == KNITS_EMIT_TO_SENDER) {
      EXPECT_EQ(out_.emit[i].flags, KNITS_TCPF_FIN | kAck);
      EXPECT_EQ(out_.emit[i].seq, kBIsn + 1);
      EXPECT_EQ(out_.emit[i].ack, kA2Isn + 1 + 181);
      fins_to_a++;
    }
  }
  EXPECT_EQ(fins_to_a, 1);
  // A acknowledges it: no more
  knits_tcp_seg last = seg(kA2Isn + 1 + 181, 0, kBIsn + 2, 2000, 9121, 60);
  knits_splice_from_sender(&st_, 1, &last, &out_);
  knits_splice_pending(&st_, &out_);
  for (int i = 0; i < out_.nemit; i++) {
    EXPECT_NE(out_.emit[i].to, KNITS_EMIT_TO_SENDER);
  }
}

TEST_F(Splice, AStaleNodesRetransmissionOfAcknowledgedBytesIsAnswered) {
  // the client has all of A's 200 bytes; A did not hear it and sends
  // some again: the gateway tells A, and the client is not bothered
  knits_tcp_seg old = seg(kAIsn + 1 + 100, 50, kClientIsn + 1 + 301, 500, 9050, 100);
  knits_splice_from_node(&st_, 0, &old, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);
  ASSERT_EQ(out_.nemit, 1);
  EXPECT_EQ(out_.emit[0].to, KNITS_EMIT_TO_NODE);
  EXPECT_EQ(out_.emit[0].leg, 0);
  EXPECT_EQ(out_.emit[0].ack, kAIsn + 1 + 200);
  EXPECT_EQ(out_.emit[0].seq, kClientIsn + 1 + 301);  // after the gateway's FIN
}

TEST_F(Splice, AStaleNodeStoppedByTheClientsZeroWindowHearsItOpen) {
  splice_with_client_having(150);  // A still has 50 bytes for the client
  // the client's window closes, then opens, acknowledging nothing new: A
  // must hear both, or it waits for ever (its probes reach the gateway)
  knits_tcp_seg closed = seg(kClientIsn + 1 + 300, 0, kAIsn + 1 + 150, 0, 110, 9000);
  knits_splice_from_client(&st_, &closed, &out_);
  ASSERT_EQ(out_.nemit, 1);
  EXPECT_EQ(out_.emit[0].to, KNITS_EMIT_TO_NODE);
  EXPECT_EQ(out_.emit[0].leg, 0);
  EXPECT_EQ(out_.emit[0].win, 0);
  knits_tcp_seg opened = seg(kClientIsn + 1 + 300, 0, kAIsn + 1 + 150, 800, 111, 9000);
  knits_splice_from_client(&st_, &opened, &out_);
  ASSERT_EQ(out_.nemit, 1);
  EXPECT_EQ(out_.emit[0].win, 800);
  EXPECT_EQ(out_.emit[0].ack, kAIsn + 1 + 150);
  // A's probe, one byte before what it was acknowledged, is answered
  knits_tcp_seg probe = seg(kAIsn + 150, 0, kClientIsn + 1 + 301, 500, 9060, 100);
  knits_splice_from_node(&st_, 0, &probe, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);
  ASSERT_EQ(out_.nemit, 1);
  EXPECT_EQ(out_.emit[0].win, 800);
}

TEST_F(Splice, AStaleNodeWithNothingLeftHearsNoWindowUpdates) {
  // the client has all of A's bytes: windows are B's business
  knits_tcp_seg fin =
      seg(kAIsn + 1 + 200, 0, kClientIsn + 1 + 301, 500, 9050, 100, KNITS_TCPF_FIN | kAck);
  knits_splice_from_node(&st_, 0, &fin, &out_);
  knits_tcp_seg opened = seg(kClientIsn + 1 + 300, 0, kAIsn + 1 + 200, 800, 111, 9000);
  knits_splice_from_client(&st_, &opened, &out_);
  EXPECT_EQ(out_.nemit, 0);
}

TEST_F(Splice, ASecondHandOffComposesAndRefusalsChangeNothing) {
  knits_tcp_side b3 = side(123, 0, 7, 77, 1448);
  knits_tcp_side c3 = side(456, 0, 7, 88, 1460);
  std::int64_t p = 0;
  const knits_splice_state before = st_;
  // B cannot have read beyond what reached it: 300 - 120 = 180 bytes
  EXPECT_EQ(knits_splice_add(&st_, &b3, &c3, 181, 0, &p), KNITS_SPLICE_BAD_T);
  knits_tcp_side big_mss = b3;
  big_mss.mss = 1461;
  EXPECT_EQ(knits_splice_add(&st_, &big_mss, &c3, 100, 0, &p), KNITS_SPLICE_MSS);
  knits_tcp_side no_ts = c3;
  no_ts.flags = static_cast<std::uint8_t>(no_ts.flags & ~KNITS_SIDE_TS);
  EXPECT_EQ(knits_splice_add(&st_, &b3, &no_ts, 100, 0, &p), KNITS_SPLICE_TIMESTAMPS);
  no_ts = b3;
  no_ts.flags = static_cast<std::uint8_t>(no_ts.flags & ~KNITS_SIDE_TS);
  EXPECT_EQ(knits_splice_add(&st_, &no_ts, &c3, 100, 0, &p), KNITS_SPLICE_TIMESTAMPS);
  knits_tcp_side used = c3;
  used.flags |= KNITS_SIDE_DATA;
  EXPECT_EQ(knits_splice_add(&st_, &b3, &used, 100, 0, &p), KNITS_SPLICE_C2_NOT_FRESH);
  EXPECT_EQ(st_.nlegs, before.nlegs);
  EXPECT_EQ(st_.up.count, before.up.count);

  // B read 100 bytes of the copy (stream 220) and wrote nothing: C's up
  // offset 0 is stream 220; the stream has not moved, so B's part is empty
  ASSERT_EQ(knits_splice_add(&st_, &b3, &c3, 100, 0, &p), KNITS_SPLICE_OK);
  EXPECT_EQ(p, 180);  // in B's offsets
  knits_tcp_seg s = seg(kClientIsn + 1 + 300, 10, kAIsn + 1 + 200, 1000, 120, 9000);
  knits_splice_from_client(&st_, &s, &out_);
  EXPECT_EQ(out_.leg, 2);
  EXPECT_EQ(out_.seq, 123U + 1 + 80);
}

// The flow table's view of the end (knits_splice_take_closed()): the
// client's connection ends when both FINs of the client's conversation are
// acknowledged, whoever closed first; leg 1's when A's copy is closed too.
TEST_F(Splice, TheClientsConnectionEndsWhenBothFinsAreAcknowledged) {
  EXPECT_EQ(closed_legs(), 0U);
  // B acknowledges A's copy (180 bytes) and sends its FIN (down 200)
  knits_tcp_seg b_fin = seg(kBIsn + 1, 0, kA2Isn + 1 + 180, 100, 60, 9100, KNITS_TCPF_FIN | kAck);
  knits_splice_from_node(&st_, 1, &b_fin, &out_);
  EXPECT_EQ(closed_legs(), 0U);
  // the client's FIN|ACK acknowledges it
  knits_tcp_seg c_fin =
      seg(kClientIsn + 1 + 300, 0, kAIsn + 1 + 201, 1000, 110, 9000, KNITS_TCPF_FIN | kAck);
  knits_splice_from_client(&st_, &c_fin, &out_);
  EXPECT_EQ(closed_legs(), 0U);  // B has not acknowledged it
  knits_tcp_seg b_ack = seg(kBIsn + 2, 0, kA2Isn + 1 + 181, 100, 61, 9100);
  knits_splice_from_node(&st_, 1, &b_ack, &out_);
  EXPECT_EQ(closed_legs(), 1U << 0);
  EXPECT_EQ(closed_legs(), 0U);  // told once

  // leg 1 ends with A's own end of it: its FIN, and the gateway's
  knits_tcp_seg a_fin = seg(kA2Isn + 1 + 180, 0, kBIsn + 1, 2000, 9120, 50, KNITS_TCPF_FIN | kAck);
  knits_splice_from_sender(&st_, 1, &a_fin, &out_);
  EXPECT_EQ(closed_legs(), 0U);
  knits_tcp_seg a_ack = seg(kA2Isn + 1 + 181, 0, kBIsn + 2, 2000, 9121, 60);
  knits_splice_from_sender(&st_, 1, &a_ack, &out_);
  EXPECT_EQ(closed_legs(), 1U << 1);
}

TEST_F(Splice, AClientThatClosesFirstEndsItsConnectionOnTheLastAck) {
  knits_tcp_seg c_fin =
      seg(kClientIsn + 1 + 300, 0, kAIsn + 1 + 200, 1000, 110, 9000, KNITS_TCPF_FIN | kAck);
  knits_splice_from_client(&st_, &c_fin, &out_);
  knits_tcp_seg b_fin = seg(kBIsn + 1, 0, kA2Isn + 1 + 181, 100, 60, 9100, KNITS_TCPF_FIN | kAck);
  knits_splice_from_node(&st_, 1, &b_fin, &out_);
  EXPECT_EQ(closed_legs(), 0U);
  // a bare ack below the FIN acknowledges nothing new: still open
  knits_tcp_seg c_old = seg(kClientIsn + 1 + 301, 0, kAIsn + 1 + 200, 1000, 111, 9000);
  knits_splice_from_client(&st_, &c_old, &out_);
  EXPECT_EQ(closed_legs(), 0U);
  knits_tcp_seg c_ack = seg(kClientIsn + 1 + 301, 0, kAIsn + 1 + 201, 1000, 111, 9000);
  knits_splice_from_client(&st_, &c_ack, &out_);
  EXPECT_EQ(closed_legs(), 1U << 0);
}

TEST_F(Splice, AStaleLegsConnectionEndsWithoutTheClients) {
  // B hands off to C before anything moved; then B's end of leg 1 closes:
  // its node FIN (at S = 0 of its part) and the gateway's FIN at P
  knits_tcp_side b3 = side(123, 0, 7, 77, 1448);
  knits_tcp_side c3 = side(456, 0, 7, 88, 1460);
  std::int64_t p = 0;
  ASSERT_EQ(knits_splice_add(&st_, &b3, &c3, 180, 0, &p), KNITS_SPLICE_OK);
  knits_tcp_seg a_fin = seg(kA2Isn + 1 + 180, 0, kBIsn + 1, 2000, 9120, 50, KNITS_TCPF_FIN | kAck);
  knits_splice_from_sender(&st_, 1, &a_fin, &out_);
  knits_tcp_seg b_ack = seg(kBIsn + 1, 0, kA2Isn + 1 + 180, 100, 60, 9100);
  knits_splice_from_node(&st_, 1, &b_ack, &out_);
  knits_tcp_seg a_ack = seg(kA2Isn + 1 + 181, 0, kBIsn + 2, 2000, 9121, 60);
  knits_splice_from_sender(&st_, 1, &a_ack, &out_);
  EXPECT_EQ(closed_legs(), 0U);  // B has not closed
  // B's FIN, acknowledging the gateway's at its P (180)
  knits_tcp_seg b_fin = seg(kBIsn + 1, 0, kA2Isn + 1 + 181, 100, 61, 9100, KNITS_TCPF_FIN | kAck);
  knits_splice_from_node(&st_, 1, &b_fin, &out_);
  // the client has every byte of B's (none): B's FIN counts as taken
  EXPECT_EQ(closed_legs(), 1U << 1);
}

TEST_F(Splice, TheLegLimitIsReachedAndRefused) {
  std::int64_t p = 0;
  // no leg closes here: the limit is on the legs live at once
  for (auto k = static_cast<int>(st_.nlegs); k < KNITS_SPLICE_LEGS; k++) {
    knits_tcp_side x = side(1000U * static_cast<std::uint32_t>(k), 0, 7, 9100, 1448);
    knits_tcp_side y = side(2000U * static_cast<std::uint32_t>(k), 0, 7, 50, 1460);
    ASSERT_EQ(knits_splice_add(&st_, &x, &y, 0, 0, &p), KNITS_SPLICE_OK) << k;
  }
  knits_tcp_side x = side(1, 0, 7, 9100, 1448);
  knits_tcp_side y = side(2, 0, 7, 50, 1460);
  EXPECT_EQ(knits_splice_add(&st_, &x, &y, 0, 0, &p), KNITS_SPLICE_TOO_MANY);
}

// Linux's RST when a socket is closed with unread data or SO_LINGER 0: at
// what it has sent, acknowledging what it has received, no options.
knits_tcp_seg rst(std::uint32_t seq, std::uint32_t ack) {
  knits_tcp_seg s = seg(seq, 0, ack, 0, 0, 0, KNITS_TCPF_RST | kAck);
  s.has_opts = false;
  s.opts.has_ts = false;
  return s;
}

TEST_F(Splice, AClientsResetEndsItsConnectionAndTheCurrentLegAtOnce) {
  // B hands off to C: A's leg 0 and B's leg 1 stale, C's leg 2 current
  knits_tcp_side b3 = side(123, 0, 7, 77, 1448);
  knits_tcp_side c3 = side(456, 0, 7, 88, 1460);
  std::int64_t p = 0;
  ASSERT_EQ(knits_splice_add(&st_, &b3, &c3, 180, 0, &p), KNITS_SPLICE_OK);
  knits_splice_pending(&st_, &out_);
  const int fins = out_.nemit;  // the gateway's FINs to A and B
  EXPECT_GT(fins, 0);

  knits_tcp_seg reset = rst(kClientIsn + 1 + 300, kAIsn + 1 + 200);
  knits_splice_from_client(&st_, &reset, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_FORWARD);
  EXPECT_EQ(out_.leg, 2U);
  // B's leg ends with B's FIN and A's, which may still be coming
  EXPECT_EQ(closed_legs(), (1U << 0) | (1U << 2));
  EXPECT_EQ(closed_legs(), 0U);  // told once
  // A and B still wait for the end of their part of the stream: the
  // FINs go on until they are acknowledged; no hand-off is made
  knits_splice_pending(&st_, &out_);
  EXPECT_EQ(out_.nemit, fins);
  knits_tcp_side x = side(1, 0, 7, 9100, 1448);
  knits_tcp_side y = side(2, 0, 7, 50, 1460);
  EXPECT_EQ(knits_splice_add(&st_, &x, &y, 0, 0, &p), KNITS_SPLICE_C1_CLOSED);
}

TEST_F(Splice, ABlindResetOutsideWhereTheNodeCanStandIsDropped) {
  // beyond what the client sent, below what was acknowledged, and half
  // the sequence space away: no receiver takes them (RFC 5961)
  for (const std::uint32_t at : {300U + 100000U, 100U, 299U, 300U + (1U << 30)}) {
    knits_tcp_seg reset = rst(kClientIsn + 1 + at, kAIsn + 1 + 200);
    knits_splice_from_client(&st_, &reset, &out_);
    EXPECT_EQ(out_.verdict, KNITS_SPLICE_DROP_WINDOW) << at;
    EXPECT_EQ(closed_legs(), 0U) << at;
  }
  EXPECT_FALSE(st_.reset);
  // and the current node's, toward the client
  knits_tcp_seg reset = rst(kBIsn + 1 + 100000, kA2Isn + 1 + 180);
  knits_splice_from_node(&st_, 1, &reset, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_DROP_WINDOW);
  EXPECT_EQ(closed_legs(), 0U);
  knits_splice_pending(&st_, &out_);
  EXPECT_EQ(out_.nemit, 1);
}

TEST_F(Splice, AResetInsideTheRangeButNotWhereEitherEndStandsEndsNothing) {
  // the client sends 100 bytes B has not acknowledged: up 300..400 is in
  // flight, and an RST inside it is B's to judge (a challenge ACK)
  knits_tcp_seg data = seg(kClientIsn + 1 + 300, 100, kAIsn + 1 + 200, 1000, 110, 9000);
  knits_splice_from_client(&st_, &data, &out_);
  knits_tcp_seg reset = rst(kClientIsn + 1 + 350, kAIsn + 1 + 200);
  knits_splice_from_client(&st_, &reset, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_FORWARD);
  EXPECT_EQ(closed_legs(), 0U);
  EXPECT_FALSE(st_.reset);
  // at what the client sent, it ends the conversation
  reset = rst(kClientIsn + 1 + 400, kAIsn + 1 + 200);
  knits_splice_from_client(&st_, &reset, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_FORWARD);
  EXPECT_TRUE(st_.reset);
}

TEST_F(Splice, TheCurrentNodesResetEndsTheConversation) {
  // B has sent nothing: its RST is at down offset 200, where the client is
  knits_tcp_seg reset = rst(kBIsn + 1, kA2Isn + 1 + 180);
  knits_splice_from_node(&st_, 1, &reset, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_FORWARD);
  EXPECT_EQ(closed_legs(), (1U << 0) | (1U << 1));
}

TEST_F(Splice, AStaleNodesResetStaysWithTheGateway) {
  knits_tcp_seg reset = rst(kAIsn + 1 + 200, kClientIsn + 1 + 300);
  knits_splice_from_node(&st_, 0, &reset, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_ABSORB);
  EXPECT_EQ(closed_legs(), 0U);
  std::int64_t p = 0;
  knits_tcp_side x = side(1, 0, 7, 9100, 1448);
  knits_tcp_side y = side(2, 0, 7, 50, 1460);
  EXPECT_EQ(knits_splice_add(&st_, &x, &y, 0, 0, &p), KNITS_SPLICE_OK);
}

TEST_F(Splice, AResetAfterAnAcknowledgedFinStillEndsTheConversation) {
  // the client closes; B acknowledges its FIN (up 301) and keeps sending
  knits_tcp_seg c_fin =
      seg(kClientIsn + 1 + 300, 0, kAIsn + 1 + 200, 1000, 110, 9000, KNITS_TCPF_FIN | kAck);
  knits_splice_from_client(&st_, &c_fin, &out_);
  knits_tcp_seg b_ack = seg(kBIsn + 1, 10, kA2Isn + 1 + 181, 100, 60, 9100);
  knits_splice_from_node(&st_, 1, &b_ack, &out_);
  EXPECT_EQ(st_.up_acked, 301);
  // the client resets at what it sent, its FIN included
  knits_tcp_seg reset = rst(kClientIsn + 1 + 301, kAIsn + 1 + 210);
  knits_splice_from_client(&st_, &reset, &out_);
  EXPECT_EQ(closed_legs(), (1U << 0) | (1U << 1));
}

TEST_F(Splice, TheCurrentNodesResetAfterItsFinEndsTheConversation) {
  // B closes (its FIN at down 200), the client acknowledges it, then B
  // resets at what it sent, its FIN included
  knits_tcp_seg b_fin = seg(kBIsn + 1, 0, kA2Isn + 1 + 180, 100, 60, 9100, KNITS_TCPF_FIN | kAck);
  knits_splice_from_node(&st_, 1, &b_fin, &out_);
  knits_tcp_seg c_ack = seg(kClientIsn + 1 + 300, 0, kAIsn + 1 + 201, 1000, 110, 9000);
  knits_splice_from_client(&st_, &c_ack, &out_);
  knits_tcp_seg reset = rst(kBIsn + 2, kA2Isn + 1 + 180);
  knits_splice_from_node(&st_, 1, &reset, &out_);
  EXPECT_EQ(closed_legs(), (1U << 0) | (1U << 1));
}

TEST_F(Splice, ANewNodesResetAtSEndsTheConversationBeforeTheCopyArrived) {
  // A wrote 50 bytes more than the gateway forwarded before it handed
  // off again (S = 250 > 200 forwarded): C's RST at S is where C stands
  knits_tcp_side a3 = side(123, 0, 7, 77, 1448);
  knits_tcp_side c3 = side(456, 0, 7, 88, 1460);
  std::int64_t p = 0;
  ASSERT_EQ(knits_splice_add(&st_, &a3, &c3, 180, 50, &p), KNITS_SPLICE_OK);
  knits_tcp_seg reset = rst(457, 124);
  knits_splice_from_node(&st_, 2, &reset, &out_);
  EXPECT_EQ(out_.verdict, KNITS_SPLICE_FORWARD);
  EXPECT_EQ(closed_legs(), (1U << 0) | (1U << 2));
}

// A client without timestamps (Windows' default) on c1 to A, which has
// none either on c1; A and B negotiated them on c2.
TEST(SpliceWithoutClientTimestamps, AClientWithoutTimestampsIsHandedToANodeWithThem) {
  knits_tcp_side client = side(kClientIsn, 300, 7, 0, 1460);
  knits_tcp_side a = side(kAIsn, 200, 7, 0, 1460);
  for (knits_tcp_side* s : {&client, &a}) {
    s->flags = static_cast<std::uint8_t>(s->flags & ~KNITS_SIDE_TS);
    s->flags |= KNITS_SIDE_ACK;
  }
  client.ack = kAIsn + 1 + 200;
  client.win = 1000;
  a.ack = kClientIsn + 1 + 300;
  a.win = 500;
  knits_splice_state st{};
  knits_splice_init(&st, &client, &a);
  const knits_tcp_side a2 = side(kA2Isn, 0, 7, 9100, 1448);
  const knits_tcp_side b = side(kBIsn, 0, 7, 50, 1460);
  std::int64_t p = 0;
  ASSERT_EQ(knits_splice_add(&st, &a2, &b, 120, 200, &p), KNITS_SPLICE_OK);
  EXPECT_EQ(p, 300);

  // the client's bytes reach B without a timestamp
  knits_tcp_seg up = seg(kClientIsn + 1 + 300, 100, kAIsn + 1 + 200, 1000, 0, 0);
  up.has_opts = false;
  up.opts.has_ts = false;
  knits_splice_out out{};
  knits_splice_from_client(&st, &up, &out);
  ASSERT_EQ(out.verdict, KNITS_SPLICE_FORWARD);
  EXPECT_EQ(out.leg, 1U);
  EXPECT_EQ(out.seq, kA2Isn + 1 + 180);
  EXPECT_FALSE(out.ts);
  // B's reach the client at S, their timestamp not translated (the client
  // ignores one it never negotiated)
  knits_tcp_seg down = seg(kBIsn + 1, 1000, kA2Isn + 1 + 280, 100, 60, 9100);
  knits_splice_from_node(&st, 1, &down, &out);
  ASSERT_EQ(out.verdict, KNITS_SPLICE_FORWARD);
  EXPECT_EQ(out.seq, kAIsn + 1 + 200);
  EXPECT_EQ(out.ack, kClientIsn + 1 + 400);
  EXPECT_FALSE(out.ts);
}

}  // namespace
