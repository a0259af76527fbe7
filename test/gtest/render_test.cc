// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl status output, from Status values built here.

#include "knitsctl/render.h"

#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

#include "knits.h"

namespace {

using knits::ctl::status_json;
using knits::ctl::status_text;
using knits::genl::Status;

Status sample_status() {
  Status status;
  status.version = "0.1.0";
  status.abi_version = 1;
  status.hooks = KNITS_HOOK_IPV4_PRE_ROUTING | KNITS_HOOK_IPV6_PRE_ROUTING;
  status.counters = {
      {KNITS_CTR_HOOK_PACKETS_IPV4, 12},
      {KNITS_CTR_HOOK_PACKETS_IPV6, 0},
      {KNITS_CTR_HOOK_BYTES, 123456789},
      {KNITS_CTR_PASS_UNOWNED, 3},
  };
  return status;
}

TEST(StatusJson, HasTheDocumentedShape) {
  const auto json = status_json(sample_status());
  const auto expected = nlohmann::ordered_json::parse(R"({
    "version": "0.1.0",
    "abi_version": 1,
    "hooks": ["ipv4_pre_routing", "ipv6_pre_routing"],
    "counters": {
      "hook_packets_ipv4": 12,
      "hook_packets_ipv6": 0,
      "hook_bytes": 123456789,
      "pass_unowned": 3
    }
  })");
  EXPECT_EQ(json, expected);
}

TEST(StatusJson, KeepsUnknownCountersAndFullU64Range) {
  Status status = sample_status();
  status.counters[KNITS_CTR_MAX + 1] = std::numeric_limits<std::uint64_t>::max();
  const auto json = status_json(status);
  const std::string unknown = "counter_" + std::to_string(KNITS_CTR_MAX + 1);
  ASSERT_TRUE(json["counters"].contains(unknown));
  EXPECT_EQ(json["counters"][unknown].get<std::uint64_t>(),
            std::numeric_limits<std::uint64_t>::max());
  EXPECT_NE(json.dump().find("18446744073709551615"), std::string::npos);
}

TEST(StatusJson, ListsNoHooksAsAnEmptyArray) {
  Status status = sample_status();
  status.hooks = 0;
  status.counters.clear();
  const auto json = status_json(status);
  EXPECT_TRUE(json["hooks"].is_array());
  EXPECT_TRUE(json["hooks"].empty());
  EXPECT_TRUE(json["counters"].is_object());
  EXPECT_TRUE(json["counters"].empty());
}

TEST(StatusText, AlignsTheCounterTable) {
  EXPECT_EQ(status_text(sample_status()),
            "module version  0.1.0\n"
            "ABI version     1\n"
            "hooks           ipv4_pre_routing ipv6_pre_routing\n"
            "\n"
            "COUNTER                VALUE\n"
            "hook_packets_ipv4         12\n"
            "hook_packets_ipv6          0\n"
            "hook_bytes         123456789\n"
            "pass_unowned               3\n");
}

TEST(StatusText, ShowsUnknownCountersAndHooksByNumber) {
  Status status = sample_status();
  status.hooks = 1U << 5;
  status.counters = {{KNITS_CTR_HOOK_BYTES, 1}, {900, 2}};
  EXPECT_EQ(status_text(status),
            "module version  0.1.0\n"
            "ABI version     1\n"
            "hooks           hook_bit_5\n"
            "\n"
            "COUNTER      VALUE\n"
            "hook_bytes       1\n"
            "counter_900      2\n");
}

TEST(StatusText, SaysNoneWithoutHooks) {
  Status status = sample_status();
  status.hooks = 0;
  EXPECT_NE(status_text(status).find("hooks           none\n"), std::string::npos);
}

}  // namespace
