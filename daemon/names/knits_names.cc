// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The one place that names counters and hooks: knitsctl, knitsd and any
// exporter must agree on them, since scripts and dashboards key on them.

#include "names/knits_names.h"

#include <array>
#include <bit>
#include <cstddef>
#include <string_view>

#include "knits.h"

namespace knits::names {
namespace {

constexpr auto kCounterNames = [] {
  std::array<std::string_view, KNITS_CTR_MAX + 1> names{};
  names[KNITS_CTR_HOOK_PACKETS_IPV4] = "hook_packets_ipv4";
  names[KNITS_CTR_HOOK_PACKETS_IPV6] = "hook_packets_ipv6";
  names[KNITS_CTR_HOOK_BYTES] = "hook_bytes";
  names[KNITS_CTR_PASS_UNOWNED] = "pass_unowned";
  return names;
}();

constexpr std::size_t bit_of(knits_hook_flag flag) {
  return static_cast<std::size_t>(std::countr_zero(static_cast<std::uint32_t>(flag)));
}

// Indexed by bit number, since the uapi enum is a set of flags.
constexpr auto kHookNames = [] {
  std::array<std::string_view, 32> names{};
  names[bit_of(KNITS_HOOK_IPV4_PRE_ROUTING)] = "ipv4_pre_routing";
  names[bit_of(KNITS_HOOK_IPV6_PRE_ROUTING)] = "ipv6_pre_routing";
  return names;
}();

template <std::size_t N>
constexpr bool all_named_from(const std::array<std::string_view, N>& names, std::size_t first) {
  for (std::size_t i = first; i < N; ++i) {
    if (names.at(i).empty()) {
      return false;
    }
  }
  return true;
}

static_assert(all_named_from(kCounterNames, KNITS_CTR_UNSPEC + 1),
              "every enum knits_counter id up to KNITS_CTR_MAX needs a name in kCounterNames");

}  // namespace

std::string counter_name(unsigned id) {
  if (id != KNITS_CTR_UNSPEC && id < kCounterNames.size()) {
    return std::string(kCounterNames.at(id));
  }
  return "counter_" + std::to_string(id);
}

std::vector<std::string> hook_names(std::uint32_t mask) {
  std::vector<std::string> names;
  for (std::uint32_t rest = mask; rest != 0; rest &= rest - 1) {
    const auto bit = static_cast<std::size_t>(std::countr_zero(rest));
    if (kHookNames.at(bit).empty()) {
      names.push_back("hook_bit_" + std::to_string(bit));
    } else {
      names.emplace_back(kHookNames.at(bit));
    }
  }
  return names;
}

}  // namespace knits::names
