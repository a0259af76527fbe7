// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The one place that names counters, statistics and hooks: knitsctl, knitsd
// and any exporter must agree on them, since scripts and dashboards key on
// them.

#include "names/knits_names.h"

#include <netinet/in.h>

#include <array>
#include <bit>
#include <cstddef>
#include <string_view>

#include "knits.h"
#include "names/name_table.h"

namespace knits::names {
namespace {

constexpr auto kCounterNames = [] {
  std::array<std::string_view, KNITS_CTR_MAX + 1> names{};
  names[KNITS_CTR_HOOK_PACKETS_IPV4] = "hook_packets_ipv4";
  names[KNITS_CTR_HOOK_PACKETS_IPV6] = "hook_packets_ipv6";
  names[KNITS_CTR_HOOK_BYTES] = "hook_bytes";
  names[KNITS_CTR_PASS_UNOWNED] = "pass_unowned";
  names[KNITS_CTR_CONNS_CREATED] = "conns_created";
  names[KNITS_CTR_CONNS_EXPIRED] = "conns_expired";
  names[KNITS_CTR_NAT_TO_MEMBER] = "nat_to_member";
  names[KNITS_CTR_NAT_TO_CLIENT] = "nat_to_client";
  names[KNITS_CTR_DROP_MALFORMED] = "drop_malformed";
  names[KNITS_CTR_DROP_NO_MEMBER] = "drop_no_member";
  names[KNITS_CTR_DROP_CONN_LIMIT] = "drop_conn_limit";
  names[KNITS_CTR_DROP_NOMEM] = "drop_nomem";
  names[KNITS_CTR_DROP_NO_CONN] = "drop_no_conn";
  names[KNITS_CTR_DROP_MEMBER_DOWN] = "drop_member_down";
  names[KNITS_CTR_DROP_UNWRITABLE] = "drop_unwritable";
  names[KNITS_CTR_DROP_NO_ROUTE] = "drop_no_route";
  names[KNITS_CTR_DROP_TUPLE_CLASH] = "drop_tuple_clash";
  return names;
}();

static_assert(table::all_named_from(kCounterNames, KNITS_CTR_UNSPEC + 1),
              "every enum knits_counter id up to KNITS_CTR_MAX needs a name in kCounterNames");

constexpr auto kStatNames = [] {
  std::array<std::string_view, KNITS_STAT_MAX + 1> names{};
  names[KNITS_STAT_CONNS] = "conns";
  names[KNITS_STAT_PACKETS_IN] = "packets_in";
  names[KNITS_STAT_BYTES_IN] = "bytes_in";
  names[KNITS_STAT_PACKETS_OUT] = "packets_out";
  names[KNITS_STAT_BYTES_OUT] = "bytes_out";
  return names;
}();

static_assert(table::all_named_from(kStatNames, KNITS_STAT_UNSPEC + 1),
              "every enum knits_stat id up to KNITS_STAT_MAX needs a name in kStatNames");

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

}  // namespace

// UNSPEC (0) has no name, so it falls back to its number like an unknown id.
std::string counter_name(unsigned id) {
  return table::name_or_number(kCounterNames, id, "counter_");
}

std::string stat_name(unsigned id) { return table::name_or_number(kStatNames, id, "stat_"); }

std::vector<std::string> hook_names(std::uint32_t mask) {
  std::vector<std::string> names;
  for (std::uint32_t rest = mask; rest != 0; rest &= rest - 1) {
    const auto bit = static_cast<unsigned>(std::countr_zero(rest));
    names.push_back(table::name_or_number(kHookNames, bit, "hook_bit_"));
  }
  return names;
}

std::vector<std::string> scheduler_names() { return {"rr", "wrr", "lc", "sh", "mh"}; }

std::string protocol_name(unsigned protocol) {
  return protocol == IPPROTO_TCP ? "TCP" : "proto_" + std::to_string(protocol);
}

}  // namespace knits::names
