// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl conns output, from connections built here.

#include "knitsctl/conns_render.h"

#include <gtest/gtest.h>

#include "genl/endpoint.h"
#include "knits.h"

namespace {

using knits::ctl::conns_json;
using knits::ctl::conns_text;
using knits::genl::Conn;
using knits::genl::parse_endpoint;

Conn conn(const char* client, const char* vip, const char* member, std::uint8_t state,
          std::uint32_t expires_ms) {
  return {parse_endpoint(client), parse_endpoint(vip), parse_endpoint(member), state, expires_ms};
}

std::vector<Conn> sample_conns() {
  return {
      conn("10.0.0.5:51234", "10.0.0.100:80", "10.1.1.2:80", KNITS_TCP_ESTABLISHED, 898999),
      conn("[fd00::5]:40000", "[fd00::100]:443", "[fd01::2]:8443", KNITS_TCP_SYN_RECV, 59000),
      conn("10.0.0.6:1", "10.0.0.100:80", "10.1.1.3:80", KNITS_TCP_STATE_MAX + 1, 999),
  };
}

TEST(ConnsText, ShowsConnectionsAsIpvsadmDoes) {
  EXPECT_EQ(conns_text(sample_conns()),
            "knits connection entries\n"
            "pro expire state       source             virtual            destination\n"
            "TCP 14:58  ESTABLISHED 10.0.0.5:51234     10.0.0.100:80      10.1.1.2:80\n"
            "TCP 00:59  SYN_RECV    [fd00::5]:40000    [fd00::100]:443    [fd01::2]:8443\n"
            "TCP 00:00  STATE_9     10.0.0.6:1         10.0.0.100:80      10.1.1.3:80\n");
}

TEST(ConnsText, LetsLongExpiriesWiden) {
  // A week (KNITS_TIMEOUT_MAX) is 10080 minutes.
  const std::vector<Conn> conns = {conn("10.0.0.5:1", "10.0.0.100:80", "10.1.1.2:80",
                                        KNITS_TCP_ESTABLISHED, KNITS_TIMEOUT_MAX * 1000U)};
  EXPECT_EQ(conns_text(conns),
            "knits connection entries\n"
            "pro expire state       source             virtual            destination\n"
            "TCP 10080:00 ESTABLISHED 10.0.0.5:1         10.0.0.100:80      10.1.1.2:80\n");
}

TEST(ConnsText, IsOnlyTheHeaderWithoutConnections) {
  EXPECT_EQ(conns_text({}),
            "knits connection entries\n"
            "pro expire state       source             virtual            destination\n");
}

TEST(ConnsJson, HasTheDocumentedShape) {
  const auto expected = nlohmann::ordered_json::parse(R"([
    {"protocol": "TCP", "state": "ESTABLISHED", "expires_ms": 898999,
     "client": "10.0.0.5:51234", "vip": "10.0.0.100:80", "member": "10.1.1.2:80"},
    {"protocol": "TCP", "state": "SYN_RECV", "expires_ms": 59000,
     "client": "[fd00::5]:40000", "vip": "[fd00::100]:443", "member": "[fd01::2]:8443"},
    {"protocol": "TCP", "state": "STATE_9", "expires_ms": 999,
     "client": "10.0.0.6:1", "vip": "10.0.0.100:80", "member": "10.1.1.3:80"}
  ])");
  EXPECT_EQ(conns_json(sample_conns()), expected);
  EXPECT_EQ(conns_json({}).dump(), "[]");
}

}  // namespace
