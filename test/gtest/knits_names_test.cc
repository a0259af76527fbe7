// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "names/knits_names.h"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "knits.h"

namespace {

using knits::names::counter_name;
using knits::names::hook_names;

TEST(CounterNames, NameTheUapiCounters) {
  EXPECT_EQ(counter_name(KNITS_CTR_HOOK_PACKETS_IPV4), "hook_packets_ipv4");
  EXPECT_EQ(counter_name(KNITS_CTR_HOOK_PACKETS_IPV6), "hook_packets_ipv6");
  EXPECT_EQ(counter_name(KNITS_CTR_HOOK_BYTES), "hook_bytes");
  EXPECT_EQ(counter_name(KNITS_CTR_PASS_UNOWNED), "pass_unowned");
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

}  // namespace
