// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl list --rate arithmetic.

#include "knitsctl/rate.h"

#include <stdexcept>

#include <gtest/gtest.h>

#include "genl/endpoint.h"
#include "knits.h"

namespace {

using knits::ctl::Listing;
using knits::ctl::listing_rates;
using knits::ctl::per_second;
using knits::ctl::ServiceEntry;
using knits::genl::CounterMap;
using knits::genl::parse_endpoint;

TEST(PerSecond, DividesTheDifferenceByTheInterval) {
  const CounterMap before{{KNITS_STAT_CONNS, 100}, {KNITS_STAT_BYTES_IN, 1000}};
  const CounterMap after{{KNITS_STAT_CONNS, 110}, {KNITS_STAT_BYTES_IN, 4000}};
  EXPECT_EQ(per_second(before, after, 1.0),
            (CounterMap{{KNITS_STAT_CONNS, 10}, {KNITS_STAT_BYTES_IN, 3000}}));
  EXPECT_EQ(per_second(before, after, 2.0),
            (CounterMap{{KNITS_STAT_CONNS, 5}, {KNITS_STAT_BYTES_IN, 1500}}));
}

TEST(PerSecond, RoundsToTheNearest) {
  // 10 over 1.004 s is 9.96/s; 3 over 2 s is 1.5/s, rounded away from zero.
  EXPECT_EQ(per_second({{1, 0}}, {{1, 10}}, 1.004), (CounterMap{{1, 10}}));
  EXPECT_EQ(per_second({{1, 0}}, {{1, 3}}, 2.0), (CounterMap{{1, 2}}));
  EXPECT_EQ(per_second({{1, 0}}, {{1, 1}}, 3.0), (CounterMap{{1, 0}}));
}

TEST(PerSecond, CountsFromZeroAfterAResetOrForNewIds) {
  // knitsctl zero in between: the value went down.
  EXPECT_EQ(per_second({{1, 500}}, {{1, 20}}, 1.0), (CounterMap{{1, 20}}));
  EXPECT_EQ(per_second({}, {{1, 20}}, 1.0), (CounterMap{{1, 20}}));
  // Ids gone from the second reading are gone from the rates.
  EXPECT_TRUE(per_second({{1, 5}}, {}, 1.0).empty());
}

TEST(PerSecond, HandlesTheFullU64Range) {
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  EXPECT_EQ(per_second({{1, max - 10}}, {{1, max}}, 1.0), (CounterMap{{1, 10}}));
}

TEST(PerSecond, RefusesAnEmptyInterval) {
  EXPECT_THROW((void)per_second({}, {}, 0.0), std::invalid_argument);
}

ServiceEntry entry(const char* vip, std::uint64_t conns,
                   std::initializer_list<std::pair<const char*, std::uint64_t>> members) {
  ServiceEntry out;
  out.service.vip = parse_endpoint(vip);
  out.service.stats = {{KNITS_STAT_CONNS, conns}};
  for (const auto& [endpoint, member_conns] : members) {
    knits::genl::Member member;
    member.endpoint = parse_endpoint(endpoint);
    member.stats = {{KNITS_STAT_CONNS, member_conns}};
    out.members.push_back(member);
  }
  return out;
}

TEST(ListingRates, MatchesServicesAndMembersByAddress) {
  const Listing before = {entry("10.0.0.100:80", 10, {{"10.1.1.2:80", 4}, {"10.1.1.3:80", 6}}),
                          entry("10.0.0.101:80", 0, {})};
  // Another order, a new member and a new service.
  const Listing after = {
      entry("10.0.0.102:80", 7, {{"10.1.1.9:80", 7}}),
      entry("10.0.0.100:80", 30, {{"10.1.1.3:80", 16}, {"10.1.1.2:80", 4}, {"10.1.1.4:80", 10}})};
  const Listing expected = {
      entry("10.0.0.102:80", 7, {{"10.1.1.9:80", 7}}),
      entry("10.0.0.100:80", 20, {{"10.1.1.3:80", 10}, {"10.1.1.2:80", 0}, {"10.1.1.4:80", 10}})};
  EXPECT_EQ(listing_rates(before, after, 1.0), expected);
}

TEST(ListingRates, KeepsEverythingButTheStats) {
  Listing after = {entry("10.0.0.100:80", 3, {{"10.1.1.2:80", 3}})};
  after[0].service.sched = "sh";
  after[0].members[0].weight = 9;
  after[0].members[0].conns = 2;
  const Listing rates = listing_rates({}, after, 1.0);
  EXPECT_EQ(rates, after);
}

}  // namespace
