// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The gateway's TCP connection state tracker (kmod/core/tcp_state.h):
// handshake, closes in every order, RST, port reuse, flag priority, every
// input, timeouts and the netlink timeout attributes.

#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "knits_core.h"

namespace {

constexpr bool kClient = true;
constexpr bool kMember = false;

constexpr std::uint8_t kFin = KNITS_TCPF_FIN;
constexpr std::uint8_t kSyn = KNITS_TCPF_SYN;
constexpr std::uint8_t kRst = KNITS_TCPF_RST;
constexpr std::uint8_t kAck = KNITS_TCPF_ACK;
constexpr std::uint8_t kPsh = 0x08;
constexpr std::uint8_t kUrg = 0x20;
constexpr std::uint8_t kEce = 0x40;
constexpr std::uint8_t kCwr = 0x80;

constexpr std::uint8_t kNone = KNITS_TCP_NONE;
constexpr std::uint8_t kSynSent = KNITS_TCP_SYN_SENT;
constexpr std::uint8_t kSynRecv = KNITS_TCP_SYN_RECV;
constexpr std::uint8_t kEstablished = KNITS_TCP_ESTABLISHED;
constexpr std::uint8_t kFinWait = KNITS_TCP_FIN_WAIT;
constexpr std::uint8_t kCloseWait = KNITS_TCP_CLOSE_WAIT;
constexpr std::uint8_t kLastAck = KNITS_TCP_LAST_ACK;
constexpr std::uint8_t kTimeWait = KNITS_TCP_TIME_WAIT;
constexpr std::uint8_t kClose = KNITS_TCP_CLOSE;
constexpr std::uint8_t kStates = __KNITS_TCP_STATE_MAX;

struct Packet {
  bool from_client;
  std::uint8_t flags;
};

std::string name(std::uint8_t state) { return knits_tcp_state_name(state); }

// The names of the states after each packet, starting from `state`.
std::vector<std::string> run(std::uint8_t state, std::initializer_list<Packet> packets) {
  std::vector<std::string> out;
  for (const Packet& p : packets) {
    state = knits_tcp_next_state(state, p.from_client, p.flags);
    out.push_back(name(state));
  }
  return out;
}

// A connection just through the handshake.
std::uint8_t established() {
  std::uint8_t s = knits_tcp_next_state(kNone, kClient, kSyn);
  s = knits_tcp_next_state(s, kMember, kSyn | kAck);
  return knits_tcp_next_state(s, kClient, kAck);
}

using Names = std::vector<std::string>;

TEST(TcpState, HandshakeEstablishes) {
  EXPECT_EQ(run(kNone, {{kClient, kSyn}, {kMember, kSyn | kAck}, {kClient, kAck}}),
            (Names{"SYN_SENT", "SYN_RECV", "ESTABLISHED"}));
}

TEST(TcpState, RetransmittedHandshakeSegmentsChangeNothing) {
  EXPECT_EQ(run(kNone, {{kClient, kSyn},
                        {kClient, kSyn},
                        {kMember, kSyn | kAck},
                        {kClient, kSyn},
                        {kMember, kSyn | kAck},
                        {kMember, kAck},
                        {kClient, kAck},
                        {kMember, kSyn | kAck}}),
            (Names{"SYN_SENT", "SYN_SENT", "SYN_RECV", "SYN_RECV", "SYN_RECV", "SYN_RECV",
                   "ESTABLISHED", "ESTABLISHED"}));
}

TEST(TcpState, OnlyTheMembersSynAckAnswersTheClientsSyn) {
  // The member's challenge ACK (a stale connection on the tuple) is not
  // an answer, and nothing but the client's ACK confirms the handshake.
  EXPECT_EQ(run(kSynSent, {{kMember, kAck}, {kMember, kFin | kAck}, {kClient, kAck}}),
            (Names{"SYN_SENT", "SYN_SENT", "SYN_SENT"}));
  EXPECT_EQ(run(kSynRecv, {{kMember, kAck}, {kMember, kFin | kAck}}),
            (Names{"SYN_RECV", "SYN_RECV"}));
  EXPECT_EQ(run(kNone, {{kMember, kSyn | kAck}, {kClient, kAck}, {kClient, kFin}}),
            (Names{"NONE", "NONE", "NONE"}));
}

TEST(TcpState, ClientFinRightAfterTheHandshakeIsClosing) {
  EXPECT_EQ(run(kSynRecv, {{kClient, kFin | kAck}}), (Names{"FIN_WAIT"}));
}

TEST(TcpState, DataKeepsEstablished) {
  EXPECT_EQ(run(established(), {{kClient, kAck | kPsh}, {kMember, kAck}, {kMember, kAck | kPsh}}),
            (Names{"ESTABLISHED", "ESTABLISHED", "ESTABLISHED"}));
}

TEST(TcpState, ClientClosesFirstEndsInTimeWait) {
  EXPECT_EQ(run(established(), {{kClient, kFin | kAck},
                                {kMember, kAck},
                                {kMember, kAck | kPsh},
                                {kMember, kFin | kAck},
                                {kClient, kAck}}),
            (Names{"FIN_WAIT", "CLOSE_WAIT", "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT"}));
}

TEST(TcpState, MemberClosesFirstEndsInTimeWait) {
  EXPECT_EQ(run(established(), {{kMember, kFin | kAck},
                                {kClient, kAck},
                                {kClient, kAck | kPsh},
                                {kClient, kFin | kAck},
                                {kMember, kAck}}),
            (Names{"FIN_WAIT", "CLOSE_WAIT", "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT"}));
}

TEST(TcpState, SecondFinOnTheAckOfTheFirstEndsInTimeWait) {
  EXPECT_EQ(run(established(), {{kClient, kFin | kAck}, {kMember, kFin | kAck}, {kClient, kAck}}),
            (Names{"FIN_WAIT", "LAST_ACK", "TIME_WAIT"}));
  EXPECT_EQ(run(established(), {{kMember, kFin | kAck}, {kClient, kFin | kAck}, {kMember, kAck}}),
            (Names{"FIN_WAIT", "LAST_ACK", "TIME_WAIT"}));
}

TEST(TcpState, SimultaneousFinsEndInTimeWait) {
  EXPECT_EQ(run(established(),
                {{kClient, kFin | kAck}, {kMember, kFin | kAck}, {kMember, kAck}, {kClient, kAck}}),
            (Names{"FIN_WAIT", "LAST_ACK", "TIME_WAIT", "TIME_WAIT"}));
  EXPECT_EQ(run(established(),
                {{kMember, kFin | kAck}, {kClient, kFin | kAck}, {kClient, kAck}, {kMember, kAck}}),
            (Names{"FIN_WAIT", "LAST_ACK", "TIME_WAIT", "TIME_WAIT"}));
}

TEST(TcpState, RetransmissionsInTimeWaitKeepIt) {
  EXPECT_EQ(run(kTimeWait, {{kMember, kFin | kAck}, {kClient, kAck}, {kMember, kSyn | kAck}}),
            (Names{"TIME_WAIT", "TIME_WAIT", "TIME_WAIT"}));
  EXPECT_EQ(run(kLastAck, {{kClient, kFin | kAck}, {kMember, kFin | kAck}}),
            (Names{"LAST_ACK", "LAST_ACK"}));
}

TEST(TcpState, RstFromEitherSideCloses) {
  EXPECT_EQ(run(established(), {{kClient, kRst}}), (Names{"CLOSE"}));
  EXPECT_EQ(run(established(), {{kMember, kRst | kAck}}), (Names{"CLOSE"}));
  // A closed port: the member refuses the SYN.
  EXPECT_EQ(run(kNone, {{kClient, kSyn}, {kMember, kRst | kAck}}), (Names{"SYN_SENT", "CLOSE"}));
}

TEST(TcpState, RstClosesEveryStateAndWinsOverEveryFlag) {
  for (std::uint8_t s = 0; s < kStates; s++) {
    for (const bool dir : {kClient, kMember}) {
      for (unsigned int other = 0; other < 256; other++) {
        const auto flags = static_cast<std::uint8_t>(other | kRst);
        EXPECT_EQ(knits_tcp_next_state(s, dir, flags), kClose)
            << name(s) << " client " << dir << " flags " << other;
      }
    }
  }
}

TEST(TcpState, StragglersOfAClosedConnectionKeepItClosed) {
  EXPECT_EQ(run(kClose, {{kClient, kAck}, {kMember, kFin | kAck}, {kMember, kSyn | kAck}}),
            (Names{"CLOSE", "CLOSE", "CLOSE"}));
}

TEST(TcpState, ClientSynReusesTimeWaitAndClose) {
  for (const std::uint8_t s : {kTimeWait, kClose}) {
    EXPECT_TRUE(knits_tcp_syn_reuses(s)) << name(s);
    EXPECT_EQ(run(s, {{kClient, kSyn}, {kMember, kSyn | kAck}, {kClient, kAck}}),
              (Names{"SYN_SENT", "SYN_RECV", "ESTABLISHED"}))
        << name(s);
    // A member's SYN does not open a connection.
    EXPECT_EQ(knits_tcp_next_state(s, kMember, kSyn), s) << name(s);
  }
}

TEST(TcpState, OnlyTimeWaitAndCloseAreReused) {
  std::set<std::uint8_t> reused;
  for (unsigned int s = 0; s < 256; s++) {
    if (knits_tcp_syn_reuses(static_cast<std::uint8_t>(s))) {
      reused.insert(static_cast<std::uint8_t>(s));
    }
  }
  EXPECT_EQ(reused, (std::set<std::uint8_t>{kTimeWait, kClose}));
}

TEST(TcpState, SynInAnOpenConnectionChangesNothing) {
  // The member answers with a challenge ACK and the client with an RST;
  // only then does the next SYN reuse the tuple.
  for (const std::uint8_t s : {kEstablished, kFinWait, kCloseWait, kLastAck}) {
    EXPECT_EQ(knits_tcp_next_state(s, kClient, kSyn), s) << name(s);
    EXPECT_EQ(knits_tcp_next_state(s, kMember, kSyn | kAck), s) << name(s);
  }
  EXPECT_EQ(
      run(established(), {{kClient, kSyn}, {kMember, kAck}, {kClient, kRst}, {kClient, kSyn}}),
      (Names{"ESTABLISHED", "ESTABLISHED", "CLOSE", "SYN_SENT"}));
}

TEST(TcpState, FlagsCountInTheOrderRstSynFinAck) {
  const std::uint8_t es = established();
  EXPECT_EQ(knits_tcp_next_state(es, kClient, kSyn | kFin | kAck), kEstablished);  // SYN
  EXPECT_EQ(knits_tcp_next_state(es, kClient, kFin | kAck | kPsh), kFinWait);      // FIN
  EXPECT_EQ(knits_tcp_next_state(kSynSent, kMember, kSyn | kAck), kSynRecv);       // SYN
  EXPECT_EQ(knits_tcp_next_state(kFinWait, kMember, kFin | kAck), kLastAck);       // FIN
  EXPECT_EQ(knits_tcp_next_state(kFinWait, kMember, kSyn | kFin), kFinWait);       // SYN
  EXPECT_EQ(knits_tcp_next_state(kNone, kClient, kSyn | kRst), kClose);            // RST
}

TEST(TcpState, SegmentsWithoutSynFinRstOrAckChangeNothing) {
  for (std::uint8_t s = 0; s < kStates; s++) {
    for (const bool dir : {kClient, kMember}) {
      for (const std::uint8_t flags : {std::uint8_t{0}, kPsh, kUrg, kEce, kCwr,
                                       static_cast<std::uint8_t>(kPsh | kUrg | kEce | kCwr)}) {
        EXPECT_EQ(knits_tcp_next_state(s, dir, flags), s)
            << name(s) << " client " << dir << " flags " << int{flags};
      }
    }
  }
}

TEST(TcpState, OutOfRangeStatesClose) {
  for (unsigned int s = kStates; s < 256; s++) {
    const auto state = static_cast<std::uint8_t>(s);
    for (const bool dir : {kClient, kMember}) {
      for (unsigned int flags = 0; flags < 256; flags++) {
        EXPECT_EQ(knits_tcp_next_state(state, dir, static_cast<std::uint8_t>(flags)), kClose)
            << s << " client " << dir << " flags " << flags;
      }
    }
    EXPECT_EQ(name(state), "UNKNOWN") << s;
    EXPECT_FALSE(knits_tcp_state_is_closing(state)) << s;
  }
}

// Every input gives a valid state, and only the strongest of the four
// flags that count decides which.
TEST(TcpState, EveryInputGivesAValidState) {
  for (std::uint8_t s = 0; s < kStates; s++) {
    for (const bool dir : {kClient, kMember}) {
      for (unsigned int f = 0; f < 256; f++) {
        const auto flags = static_cast<std::uint8_t>(f);
        const std::uint8_t next = knits_tcp_next_state(s, dir, flags);
        ASSERT_LT(next, kStates) << name(s) << " client " << dir << " flags " << f;
        std::uint8_t strongest = 0;
        for (const std::uint8_t flag : {kRst, kSyn, kFin, kAck}) {
          if ((flags & flag) != 0) {
            strongest = flag;
            break;
          }
        }
        const std::uint8_t want = strongest != 0 ? knits_tcp_next_state(s, dir, strongest) : s;
        EXPECT_EQ(next, want) << name(s) << " client " << dir << " flags " << f;
      }
    }
  }
}

// Order of the states along a connection's life, CLOSE apart.
int rank(std::uint8_t state) {
  switch (state) {
    case kNone:
      return 0;
    case kSynSent:
      return 1;
    case kSynRecv:
      return 2;
    case kEstablished:
      return 3;
    case kFinWait:
      return 4;
    case kCloseWait:
      return 5;
    case kLastAck:
      return 6;
    case kTimeWait:
      return 7;
    default:
      return 8;  // CLOSE
  }
}

// A connection only goes forward: back only when a client SYN reuses the
// tuple, and to CLOSE only on an RST.
TEST(TcpState, StatesOnlyMoveForwardExceptOnReuse) {
  for (std::uint8_t s = 0; s < kStates; s++) {
    for (const bool dir : {kClient, kMember}) {
      for (const std::uint8_t flags : {kSyn, kFin, kAck}) {
        const std::uint8_t next = knits_tcp_next_state(s, dir, flags);
        if (dir == kClient && flags == kSyn && knits_tcp_syn_reuses(s)) {
          EXPECT_EQ(next, kSynSent) << name(s);
          continue;
        }
        EXPECT_GE(rank(next), rank(s)) << name(s) << " client " << dir << " flags " << int{flags};
        if (s != kClose) {
          EXPECT_NE(next, kClose) << name(s) << " client " << dir << " flags " << int{flags};
        }
      }
    }
  }
}

TEST(TcpState, EveryStateIsReachableFromNone) {
  std::set<std::uint8_t> seen{kNone};
  std::vector<std::uint8_t> todo{kNone};
  while (!todo.empty()) {
    const std::uint8_t s = todo.back();
    todo.pop_back();
    for (const bool dir : {kClient, kMember}) {
      for (const std::uint8_t flags : {kSyn, kFin, kAck, kRst}) {
        const std::uint8_t next = knits_tcp_next_state(s, dir, flags);
        if (seen.insert(next).second) {
          todo.push_back(next);
        }
      }
    }
  }
  EXPECT_EQ(seen.size(), std::size_t{kStates});
}

TEST(TcpState, ClosingStatesAreFinWaitToClose) {
  std::set<std::uint8_t> closing;
  for (std::uint8_t s = 0; s < kStates; s++) {
    if (knits_tcp_state_is_closing(s)) {
      closing.insert(s);
    }
  }
  EXPECT_EQ(closing, (std::set<std::uint8_t>{kFinWait, kCloseWait, kLastAck, kTimeWait, kClose}));
}

TEST(TcpState, NamesAreIpvsadms) {
  const Names want = {"NONE",       "SYN_SENT", "SYN_RECV",  "ESTABLISHED", "FIN_WAIT",
                      "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE"};
  ASSERT_EQ(want.size(), std::size_t{kStates});
  for (std::uint8_t s = 0; s < kStates; s++) {
    EXPECT_EQ(name(s), want[s]);
  }
}

TEST(TcpTimeouts, DefaultsAreIpvss) {
  knits_tcp_timeouts t{};
  knits_tcp_timeouts_init(&t);
  EXPECT_EQ(t.secs[kNone], 2U);
  EXPECT_EQ(t.secs[kSynSent], 120U);
  EXPECT_EQ(t.secs[kSynRecv], 60U);
  EXPECT_EQ(t.secs[kEstablished], 900U);
  EXPECT_EQ(t.secs[kFinWait], 120U);
  EXPECT_EQ(t.secs[kCloseWait], 60U);
  EXPECT_EQ(t.secs[kLastAck], 30U);
  EXPECT_EQ(t.secs[kTimeWait], 120U);
  EXPECT_EQ(t.secs[kClose], 10U);
  for (const std::uint32_t secs : t.secs) {
    EXPECT_GE(secs, 1U);
    EXPECT_LE(secs, std::uint32_t{KNITS_TIMEOUT_MAX});
  }
}

TEST(TcpTimeouts, EveryTimeoutAttributeNamesItsState) {
  const std::vector<std::pair<std::uint32_t, std::uint8_t>> want = {
      {KNITS_CFG_A_TIMEOUT_SYN_SENT, kSynSent},        {KNITS_CFG_A_TIMEOUT_SYN_RECV, kSynRecv},
      {KNITS_CFG_A_TIMEOUT_ESTABLISHED, kEstablished}, {KNITS_CFG_A_TIMEOUT_FIN_WAIT, kFinWait},
      {KNITS_CFG_A_TIMEOUT_CLOSE_WAIT, kCloseWait},    {KNITS_CFG_A_TIMEOUT_LAST_ACK, kLastAck},
      {KNITS_CFG_A_TIMEOUT_TIME_WAIT, kTimeWait},      {KNITS_CFG_A_TIMEOUT_CLOSE, kClose},
  };
  for (const auto& [attr, state] : want) {
    EXPECT_EQ(knits_tcp_timeout_cfg_state(attr), int{state}) << attr;
  }
}

TEST(TcpTimeouts, OtherAttributesNameNoState) {
  for (const std::uint32_t attr :
       {std::uint32_t{KNITS_CFG_A_UNSPEC}, std::uint32_t{KNITS_CFG_A_MAX_CONNS},
        std::uint32_t{KNITS_CFG_A_CONNS}, std::uint32_t{__KNITS_CFG_A_MAX}, 0xffffffffU}) {
    EXPECT_EQ(knits_tcp_timeout_cfg_state(attr), -1) << attr;
  }
}

// Netlink set/get is a loop over the attribute ids: every state but NONE
// is set by exactly one attribute.
TEST(TcpTimeouts, AttributesCoverEveryStateButNoneOnce) {
  std::vector<int> count(kStates, 0);
  for (std::uint32_t attr = 0; attr <= KNITS_CFG_A_MAX; attr++) {
    const int state = knits_tcp_timeout_cfg_state(attr);
    if (state >= 0) {
      ASSERT_LT(state, int{kStates}) << attr;
      count[static_cast<std::size_t>(state)]++;
    }
  }
  EXPECT_EQ(count[kNone], 0);
  for (std::uint8_t s = kSynSent; s < kStates; s++) {
    EXPECT_EQ(count[s], 1) << name(s);
  }
}

}  // namespace
