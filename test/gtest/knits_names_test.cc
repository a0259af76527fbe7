// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "names/knits_names.h"

#include <netinet/in.h>

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "knits.h"
#include "names/state_names.h"

namespace {

using knits::names::counter_name;
using knits::names::hook_names;
using knits::names::member_state_name;
using knits::names::member_state_names;
using knits::names::parse_member_state;
using knits::names::parse_tcp_state;
using knits::names::splice_status_explanation;
using knits::names::splice_status_name;
using knits::names::stat_name;
using knits::names::tcp_state_name;

TEST(CounterNames, NameTheUapiCounters) {
  EXPECT_EQ(counter_name(KNITS_CTR_HOOK_PACKETS_IPV4), "hook_packets_ipv4");
  EXPECT_EQ(counter_name(KNITS_CTR_HOOK_PACKETS_IPV6), "hook_packets_ipv6");
  EXPECT_EQ(counter_name(KNITS_CTR_HOOK_BYTES), "hook_bytes");
  EXPECT_EQ(counter_name(KNITS_CTR_PASS_UNOWNED), "pass_unowned");
  EXPECT_EQ(counter_name(KNITS_CTR_CONNS_CREATED), "conns_created");
  EXPECT_EQ(counter_name(KNITS_CTR_NAT_TO_CLIENT), "nat_to_client");
  EXPECT_EQ(counter_name(KNITS_CTR_DROP_NO_MEMBER), "drop_no_member");
  EXPECT_EQ(counter_name(KNITS_CTR_DROP_MEMBER_DOWN), "drop_member_down");
}

// The counter of splices refused with @status.
unsigned refused(unsigned status) { return KNITS_CTR_SPLICES_REFUSED + status; }

TEST(CounterNames, NameTheSpliceCounters) {
  EXPECT_EQ(counter_name(KNITS_CTR_NODE_CONNS), "node_conns");
  EXPECT_EQ(counter_name(KNITS_CTR_SPLICES), "splices");
  EXPECT_EQ(counter_name(KNITS_CTR_SPLICES_REFUSED), "splices_refused");
  EXPECT_EQ(counter_name(refused(KNITS_SPLICE_NO_C1)), "splices_refused_no_c1");
  EXPECT_EQ(counter_name(refused(KNITS_SPLICE_C2_NOT_FRESH)), "splices_refused_c2_not_fresh");
  EXPECT_EQ(counter_name(KNITS_CTR_SPLICES_REFUSED_LAST), "splices_refused_nomem");
  EXPECT_EQ(counter_name(KNITS_CTR_SPLICED_TO_NODE), "spliced_to_node");
  EXPECT_EQ(counter_name(KNITS_CTR_SPLICED_TO_CLIENT), "spliced_to_client");
  EXPECT_EQ(counter_name(KNITS_CTR_SPLICE_ABSORBED), "splice_absorbed");
  EXPECT_EQ(counter_name(KNITS_CTR_SPLICE_SYNTHESIZED), "splice_synthesized");
  EXPECT_EQ(counter_name(KNITS_CTR_DROP_SPLICE_OVERRUN), "drop_splice_overrun");
  EXPECT_EQ(counter_name(KNITS_CTR_DROP_SPLICE_STRADDLE), "drop_splice_straddle");
  EXPECT_EQ(counter_name(KNITS_CTR_DROP_SPLICE_OPTIONS), "drop_splice_options");
}

// One table names the reasons: a refusal counter is named after its status.
TEST(CounterNames, NameEachRefusalAfterItsStatus) {
  for (unsigned status = KNITS_SPLICE_NO_C1; status <= KNITS_SPLICE_STATUS_MAX; ++status) {
    EXPECT_EQ(counter_name(refused(status)), "splices_refused_" + splice_status_name(status));
  }
}

TEST(CounterNames, AreUniqueAndDistinctFromTheFallback) {
  std::set<std::string> seen;
  for (unsigned id = KNITS_CTR_UNSPEC + 1; id <= KNITS_CTR_MAX; ++id) {
    const std::string name = counter_name(id);
    EXPECT_TRUE(seen.insert(name).second) << name;
    EXPECT_NE(name.rfind("counter_", 0), 0U) << name;
  }
}

TEST(CounterNames, FallBackToTheIdForUnknownCounters) {
  EXPECT_EQ(counter_name(KNITS_CTR_MAX + 1), "counter_" + std::to_string(KNITS_CTR_MAX + 1));
  EXPECT_EQ(counter_name(65535), "counter_65535");
  EXPECT_EQ(counter_name(KNITS_CTR_UNSPEC), "counter_0");
}

TEST(SpliceStatusNames, NameEveryStatusInAbiOrder) {
  std::vector<std::string> names;
  for (unsigned status = 0; status <= KNITS_SPLICE_STATUS_MAX; ++status) {
    names.push_back(splice_status_name(status));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"ok", "no_c1", "not_serving", "c1_closed", "no_c2",
                                             "c2_not_fresh", "c2_source", "bad_t", "bad_s", "mss",
                                             "timestamps", "too_many", "nomem"}));
}

TEST(SpliceStatusNames, ExplainEveryStatusDifferently) {
  std::set<std::string> seen;
  const std::string unknown = splice_status_explanation(KNITS_SPLICE_STATUS_MAX + 1);
  for (unsigned status = 0; status <= KNITS_SPLICE_STATUS_MAX; ++status) {
    const std::string explanation = splice_status_explanation(status);
    EXPECT_FALSE(explanation.empty()) << status;
    EXPECT_NE(explanation, unknown) << status;
    // One line, put in parentheses after the name.
    EXPECT_EQ(explanation.find_first_of("\n()"), std::string::npos) << explanation;
    EXPECT_TRUE(seen.insert(explanation).second) << explanation;
  }
  EXPECT_EQ(splice_status_explanation(KNITS_SPLICE_MSS), "c2's MSS exceeds the client's");
}

TEST(SpliceStatusNames, FallBackToTheNumberForUnknownStatuses) {
  EXPECT_EQ(splice_status_name(KNITS_SPLICE_STATUS_MAX + 1),
            "status_" + std::to_string(KNITS_SPLICE_STATUS_MAX + 1));
  EXPECT_EQ(splice_status_explanation(1000),
            "a reason this build of knits does not know: the module is newer");
}

TEST(HookNames, ListSetBitsLowestFirst) {
  EXPECT_TRUE(hook_names(0).empty());
  EXPECT_EQ(hook_names(KNITS_HOOK_IPV4_PRE_ROUTING), std::vector<std::string>{"ipv4_pre_routing"});
  EXPECT_EQ(hook_names(KNITS_HOOK_IPV4_PRE_ROUTING | KNITS_HOOK_IPV6_PRE_ROUTING),
            (std::vector<std::string>{"ipv4_pre_routing", "ipv6_pre_routing"}));
}

TEST(HookNames, NameUnknownBitsByNumber) {
  EXPECT_EQ(hook_names((1U << 31) | KNITS_HOOK_IPV6_PRE_ROUTING),
            (std::vector<std::string>{"ipv6_pre_routing", "hook_bit_31"}));
}

TEST(StatNames, NameTheUapiStats) {
  EXPECT_EQ(stat_name(KNITS_STAT_CONNS), "conns");
  EXPECT_EQ(stat_name(KNITS_STAT_PACKETS_IN), "packets_in");
  EXPECT_EQ(stat_name(KNITS_STAT_BYTES_IN), "bytes_in");
  EXPECT_EQ(stat_name(KNITS_STAT_PACKETS_OUT), "packets_out");
  EXPECT_EQ(stat_name(KNITS_STAT_BYTES_OUT), "bytes_out");
  EXPECT_EQ(stat_name(KNITS_STAT_UNSPEC), "stat_0");
  EXPECT_EQ(stat_name(KNITS_STAT_MAX + 1), "stat_" + std::to_string(KNITS_STAT_MAX + 1));
}

TEST(MemberStateNames, RoundTripEveryState) {
  EXPECT_EQ(member_state_names(), (std::vector<std::string>{"active", "draining", "down"}));
  for (unsigned state = 0; state <= KNITS_MEMBER_STATE_MAX; ++state) {
    EXPECT_EQ(parse_member_state(member_state_name(state)), state);
  }
  EXPECT_EQ(member_state_name(KNITS_MEMBER_STATE_MAX + 1),
            "state_" + std::to_string(KNITS_MEMBER_STATE_MAX + 1));
}

TEST(MemberStateNames, ParseIgnoresCaseButNotTypos) {
  EXPECT_EQ(parse_member_state("DOWN"), KNITS_MEMBER_DOWN);
  EXPECT_EQ(parse_member_state("Draining"), KNITS_MEMBER_DRAINING);
  EXPECT_EQ(parse_member_state("drain"), std::nullopt);
  EXPECT_EQ(parse_member_state(""), std::nullopt);
  EXPECT_EQ(parse_member_state("state_0"), std::nullopt);
}

TEST(TcpStateNames, AreIpvsadmsNames) {
  EXPECT_EQ(tcp_state_name(KNITS_TCP_NONE), "NONE");
  EXPECT_EQ(tcp_state_name(KNITS_TCP_SYN_SENT), "SYN_SENT");
  EXPECT_EQ(tcp_state_name(KNITS_TCP_SYN_RECV), "SYN_RECV");
  EXPECT_EQ(tcp_state_name(KNITS_TCP_ESTABLISHED), "ESTABLISHED");
  EXPECT_EQ(tcp_state_name(KNITS_TCP_FIN_WAIT), "FIN_WAIT");
  EXPECT_EQ(tcp_state_name(KNITS_TCP_CLOSE_WAIT), "CLOSE_WAIT");
  EXPECT_EQ(tcp_state_name(KNITS_TCP_LAST_ACK), "LAST_ACK");
  EXPECT_EQ(tcp_state_name(KNITS_TCP_TIME_WAIT), "TIME_WAIT");
  EXPECT_EQ(tcp_state_name(KNITS_TCP_CLOSE), "CLOSE");
  EXPECT_EQ(tcp_state_name(KNITS_TCP_STATE_MAX + 1),
            "STATE_" + std::to_string(KNITS_TCP_STATE_MAX + 1));
}

TEST(TcpStateNames, ParseIgnoresCase) {
  for (unsigned state = 0; state <= KNITS_TCP_STATE_MAX; ++state) {
    EXPECT_EQ(parse_tcp_state(tcp_state_name(state)), state);
  }
  EXPECT_EQ(parse_tcp_state("established"), KNITS_TCP_ESTABLISHED);
  EXPECT_EQ(parse_tcp_state("time_wait"), KNITS_TCP_TIME_WAIT);
  EXPECT_EQ(parse_tcp_state("TIME-WAIT"), std::nullopt);
}

TEST(SchedulerNames, AreTheOnesTheAbiLists) {
  EXPECT_EQ(knits::names::scheduler_names(),
            (std::vector<std::string>{"rr", "wrr", "lc", "sh", "mh"}));
}

TEST(ProtocolNames, NameTcpAsIpvsadmDoes) {
  EXPECT_EQ(knits::names::protocol_name(IPPROTO_TCP), "TCP");
  EXPECT_EQ(knits::names::protocol_name(IPPROTO_UDP), "proto_17");
}

}  // namespace
