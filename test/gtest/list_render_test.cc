// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl list output, from listings built here.

#include "knitsctl/list_render.h"

#include <netinet/in.h>

#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

#include "genl/endpoint.h"
#include "knits.h"

namespace {

using knits::ctl::ipvsadm_number;
using knits::ctl::list_json;
using knits::ctl::list_text;
using knits::ctl::Listing;
using knits::ctl::ListView;
using knits::genl::CounterMap;
using knits::genl::Member;
using knits::genl::parse_endpoint;
using knits::genl::Service;

Service service(const char* vip, const char* sched, std::uint32_t members, CounterMap stats) {
  Service out;
  out.vip = parse_endpoint(vip);
  out.protocol = IPPROTO_TCP;
  out.sched = sched;
  out.mh_table_size = KNITS_MH_TABLE_SIZE_DEFAULT;
  out.member_count = members;
  out.stats = std::move(stats);
  return out;
}

Member member(const char* endpoint, std::uint32_t weight, std::uint8_t state, std::uint32_t conns,
              std::uint32_t active_conns, CounterMap stats) {
  Member out;
  out.endpoint = parse_endpoint(endpoint);
  out.weight = weight;
  out.state = state;
  out.conns = conns;
  out.active_conns = active_conns;
  out.stats = std::move(stats);
  return out;
}

CounterMap stats(std::uint64_t conns, std::uint64_t packets_in, std::uint64_t bytes_in,
                 std::uint64_t packets_out, std::uint64_t bytes_out) {
  return {{KNITS_STAT_CONNS, conns},
          {KNITS_STAT_PACKETS_IN, packets_in},
          {KNITS_STAT_BYTES_IN, bytes_in},
          {KNITS_STAT_PACKETS_OUT, packets_out},
          {KNITS_STAT_BYTES_OUT, bytes_out}};
}

Listing sample_listing() {
  return {
      {service("10.0.0.100:80", "rr", 2, stats(5, 50, 5000, 40, 64000)),
       {member("10.1.1.2:80", 1, KNITS_MEMBER_ACTIVE, 3, 2, stats(3, 30, 3000, 24, 38400)),
        member("10.1.1.3:80", 0, KNITS_MEMBER_DRAINING, 0, 0, stats(2, 20, 2000, 16, 25600))}},
      {service("[fd00::100]:443", "mh", 1, stats(0, 0, 0, 0, 0)),
       {member("[fd01::2]:8443", KNITS_WEIGHT_MAX, KNITS_MEMBER_DOWN, 1, 1, stats(0, 0, 0, 0, 0))}},
  };
}

TEST(ListText, ShowsSettingsAsIpvsadmDoes) {
  EXPECT_EQ(list_text(sample_listing(), ListView::kSettings, false),
            "Prot LocalAddress:Port Scheduler Flags\n"
            "  -> RemoteAddress:Port           Weight State    ActiveConn InActConn\n"
            "TCP  10.0.0.100:80 rr\n"
            "  -> 10.1.1.2:80                  1      active   2          1\n"
            "  -> 10.1.1.3:80                  0      draining 0          0\n"
            "TCP  [fd00::100]:443 mh table-size 4093\n"
            "  -> [fd01::2]:8443               65535  down     1          0\n");
}

TEST(ListText, ShowsStatsInIpvsadmColumns) {
  EXPECT_EQ(list_text(sample_listing(), ListView::kStats, false),
            "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
            "  -> RemoteAddress:Port\n"
            "TCP  10.0.0.100:80                       5       50       40     5000    64000\n"
            "  -> 10.1.1.2:80                         3       30       24     3000    38400\n"
            "  -> 10.1.1.3:80                         2       20       16     2000    25600\n"
            "TCP  [fd00::100]:443                     0        0        0        0        0\n"
            "  -> [fd01::2]:8443                      0        0        0        0        0\n");
}

TEST(ListText, NeverShowsNegativeInactiveConnections) {
  // Counted at slightly different moments, active may pass the total.
  const Listing listing = {{service("10.0.0.100:80", "wrr", 1, {}),
                            {member("10.1.1.2:80", 1, KNITS_MEMBER_ACTIVE, 3, 4, {})}}};
  EXPECT_TRUE(list_text(listing, ListView::kSettings, false)
                  .ends_with("  -> 10.1.1.2:80                  1      active   4          0\n"));
}

TEST(ListText, ShowsRatesUnderRateTitles) {
  const Listing listing = {{service("10.0.0.100:80", "wrr", 0, stats(1, 2, 3, 4, 5)), {}}};
  EXPECT_EQ(list_text(listing, ListView::kRates, false),
            "Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS\n"
            "  -> RemoteAddress:Port\n"
            "TCP  10.0.0.100:80                       1        2        4        3        5\n");
}

TEST(ListText, ShowsMissingStatsAsZero) {
  const Listing listing = {{service("10.0.0.100:80", "wrr", 0, {{KNITS_STAT_BYTES_OUT, 9}}), {}}};
  EXPECT_EQ(list_text(listing, ListView::kStats, false),
            "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
            "  -> RemoteAddress:Port\n"
            "TCP  10.0.0.100:80                       0        0        0        0        9\n");
}

TEST(ListText, IsOnlyTheHeaderWithoutServices) {
  EXPECT_EQ(list_text({}, ListView::kSettings, false),
            "Prot LocalAddress:Port Scheduler Flags\n"
            "  -> RemoteAddress:Port           Weight State    ActiveConn InActConn\n");
}

TEST(IpvsadmNumber, AbbreviatesLikeIpvsadm) {
  EXPECT_EQ(ipvsadm_number(0, false), "        0");
  EXPECT_EQ(ipvsadm_number(99999999, false), " 99999999");
  EXPECT_EQ(ipvsadm_number(100000000, false), "  100000K");
  EXPECT_EQ(ipvsadm_number(999999999, false), "  999999K");
  EXPECT_EQ(ipvsadm_number(1000000000, false), "    1000M");
  EXPECT_EQ(ipvsadm_number(99999999999ULL, false), "   99999M");
  EXPECT_EQ(ipvsadm_number(100000000000ULL, false), "     100G");
  EXPECT_EQ(ipvsadm_number(100000000000000ULL, false), "     100T");
  // Eight digits and a unit fill the column, as in ipvsadm.
  EXPECT_EQ(ipvsadm_number(std::numeric_limits<std::uint64_t>::max(), false), "18446744T");
}

TEST(IpvsadmNumber, WidensExactNumbers) {
  EXPECT_EQ(ipvsadm_number(12345678, true), " 12345678");
  EXPECT_EQ(ipvsadm_number(123456789, true), " 123456789");
  EXPECT_EQ(ipvsadm_number(std::numeric_limits<std::uint64_t>::max(), true),
            " 18446744073709551615");
}

TEST(ListJson, HasTheDocumentedShape) {
  const auto expected = nlohmann::ordered_json::parse(R"({
    "services": [
      {
        "vip": "10.0.0.100:80", "protocol": "TCP", "sched": "rr", "mh_table_size": 4093,
        "member_count": 2,
        "owner": "none",
        "stats": {"conns": 5, "packets_in": 50, "bytes_in": 5000, "packets_out": 40,
                  "bytes_out": 64000},
        "members": [
          {"member": "10.1.1.2:80", "weight": 1, "state": "active", "conns": 3, "active_conns": 2,
           "stats": {"conns": 3, "packets_in": 30, "bytes_in": 3000, "packets_out": 24,
                     "bytes_out": 38400}},
          {"member": "10.1.1.3:80", "weight": 0, "state": "draining", "conns": 0, "active_conns": 0,
           "stats": {"conns": 2, "packets_in": 20, "bytes_in": 2000, "packets_out": 16,
                     "bytes_out": 25600}}
        ]
      },
      {
        "vip": "[fd00::100]:443", "protocol": "TCP", "sched": "mh", "mh_table_size": 4093,
        "member_count": 1,
        "owner": "none",
        "stats": {"conns": 0, "packets_in": 0, "bytes_in": 0, "packets_out": 0, "bytes_out": 0},
        "members": [
          {"member": "[fd01::2]:8443", "weight": 65535, "state": "down", "conns": 1,
           "active_conns": 1,
           "stats": {"conns": 0, "packets_in": 0, "bytes_in": 0, "packets_out": 0,
                     "bytes_out": 0}}
        ]
      }
    ]
  })");
  EXPECT_EQ(list_json(sample_listing(), ListView::kSettings), expected);
  EXPECT_EQ(list_json(sample_listing(), ListView::kStats), expected);
}

TEST(ListJson, NamesRatesAsSuch) {
  const Listing listing = {
      {service("10.0.0.100:80", "wrr", 1, {{KNITS_STAT_CONNS, 7}}),
       {member("10.1.1.2:80", 1, KNITS_MEMBER_STATE_MAX + 1, 0, 0, {{KNITS_STAT_MAX + 1, 1}})}}};
  const auto json = list_json(listing, ListView::kRates);
  const auto& svc = json["services"][0];
  EXPECT_FALSE(svc.contains("stats"));
  EXPECT_EQ(svc["rates"], nlohmann::ordered_json::parse(R"({"conns": 7})"));
  const auto& m = svc["members"][0];
  EXPECT_EQ(m["state"], "state_" + std::to_string(KNITS_MEMBER_STATE_MAX + 1));
  EXPECT_EQ(m["rates"], nlohmann::ordered_json::parse(
                            "{\"stat_" + std::to_string(KNITS_STAT_MAX + 1) + "\": 1}"));
}

TEST(ListJson, IsAnEmptyArrayWithoutServices) {
  EXPECT_EQ(list_json({}, ListView::kSettings).dump(), R"({"services":[]})");
}

}  // namespace
