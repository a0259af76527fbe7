// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The one place that names counters, statistics, hooks and splice statuses:
// knitsctl, knitsd and any exporter must agree on them, since scripts and
// dashboards key on them.

#include "names/knits_names.h"

#include <netinet/in.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <string_view>

#include "knits.h"
#include "names/name_table.h"

namespace knits::names {
namespace {

struct SpliceStatusText {
  std::string_view name;
  // One line for people, after the name: "splice refused: mss (<this>)".
  std::string_view explanation;
};

constexpr auto kSpliceStatusTexts = [] {
  std::array<SpliceStatusText, KNITS_SPLICE_STATUS_MAX + 1> texts{};
  texts[KNITS_SPLICE_OK] = {"ok", "the splice is installed"};
  texts[KNITS_SPLICE_NO_C1] = {"no_c1", "c1 names no connection the gateway tracks"};
  texts[KNITS_SPLICE_NOT_SERVING] = {"not_serving",
                                     "the node no longer serves c1: it was handed off"};
  texts[KNITS_SPLICE_C1_CLOSED] = {"c1_closed",
                                   "the client has closed its side of c1, or c1 is not "
                                   "established"};
  texts[KNITS_SPLICE_NO_C2] = {"no_c2", "c2 names no node-to-node connection the gateway tracks"};
  texts[KNITS_SPLICE_C2_NOT_FRESH] = {"c2_not_fresh",
                                      "c2 has no SYN|ACK from the target yet, has carried data, "
                                      "or is spliced already"};
  texts[KNITS_SPLICE_C2_SOURCE] = {"c2_source", "c2 does not start at the node that serves c1"};
  texts[KNITS_SPLICE_BAD_T] = {"bad_t",
                               "T lies beyond the client bytes forwarded to the node, or before "
                               "the first byte the node received"};
  texts[KNITS_SPLICE_BAD_S] = {"bad_s",
                               "S is less than the node's bytes the gateway already forwarded"};
  texts[KNITS_SPLICE_MSS] = {"mss", "c2's MSS exceeds the client's"};
  texts[KNITS_SPLICE_TIMESTAMPS] = {"timestamps",
                                    "one connection negotiated timestamps and the other did not"};
  texts[KNITS_SPLICE_TOO_MANY] = {
      "too_many", "the connection has as many legs still closing as knits translates at once"};
  texts[KNITS_SPLICE_NOMEM] = {"nomem", "no memory for the splice's state"};
  return texts;
}();

template <std::size_t N>
constexpr std::array<std::string_view, N> column(const std::array<SpliceStatusText, N>& texts,
                                                 std::string_view SpliceStatusText::*field) {
  std::array<std::string_view, N> out{};
  for (std::size_t i = 0; i < N; ++i) {
    out.at(i) = texts.at(i).*field;
  }
  return out;
}

constexpr auto kSpliceStatusNames = column(kSpliceStatusTexts, &SpliceStatusText::name);
constexpr auto kSpliceStatusExplanations =
    column(kSpliceStatusTexts, &SpliceStatusText::explanation);

static_assert(table::all_named_from(kSpliceStatusNames, 0) &&
                  table::all_named_from(kSpliceStatusExplanations, 0),
              "every enum knits_splice_status value needs a row in kSpliceStatusTexts");

// The refusal counters KNITS_CTR_SPLICES_REFUSED + status are named
// "splices_refused_<status name>": spelled out here at compile time, so that
// the status table is the only list of reasons and kCounterNames stays a
// table of string_views like the others.
constexpr std::string_view kRefusedPrefix = "splices_refused_";

constexpr std::size_t kLongestStatusName = [] {
  std::size_t longest = 0;
  for (const std::string_view name : kSpliceStatusNames) {
    longest = std::max(longest, name.size());
  }
  return longest;
}();

constexpr auto kRefusedCounterText = [] {
  std::array<std::array<char, kRefusedPrefix.size() + kLongestStatusName>,
             KNITS_SPLICE_STATUS_MAX + 1>
      texts{};
  for (std::size_t status = 0; status < texts.size(); ++status) {
    const std::string_view name = kSpliceStatusNames.at(status);
    auto& text = texts.at(status);
    kRefusedPrefix.copy(text.data(), kRefusedPrefix.size());
    name.copy(text.data() + kRefusedPrefix.size(), name.size());
  }
  return texts;
}();

constexpr std::string_view refused_counter_name(std::size_t status) {
  return {kRefusedCounterText.at(status).data(),
          kRefusedPrefix.size() + kSpliceStatusNames.at(status).size()};
}

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
  names[KNITS_CTR_NODE_CONNS] = "node_conns";
  names[KNITS_CTR_SPLICES] = "splices";
  names[KNITS_CTR_SPLICES_REFUSED] = "splices_refused";
  for (std::size_t status = KNITS_SPLICE_NO_C1; status <= KNITS_SPLICE_STATUS_MAX; ++status) {
    names.at(KNITS_CTR_SPLICES_REFUSED + status) = refused_counter_name(status);
  }
  names[KNITS_CTR_SPLICED_TO_NODE] = "spliced_to_node";
  names[KNITS_CTR_SPLICED_TO_CLIENT] = "spliced_to_client";
  names[KNITS_CTR_SPLICE_ABSORBED] = "splice_absorbed";
  names[KNITS_CTR_SPLICE_SYNTHESIZED] = "splice_synthesized";
  names[KNITS_CTR_DROP_SPLICE_OVERRUN] = "drop_splice_overrun";
  names[KNITS_CTR_DROP_SPLICE_STRADDLE] = "drop_splice_straddle";
  names[KNITS_CTR_DROP_SPLICE_OPTIONS] = "drop_splice_options";
  names[KNITS_CTR_SPLICES_RESENT] = "splices_resent";
  names[KNITS_CTR_PREPARES] = "prepares";
  names[KNITS_CTR_DROP_BAD_CHECKSUM] = "drop_bad_checksum";
  names[KNITS_CTR_DROP_OUT_OF_WINDOW] = "drop_out_of_window";
  names[KNITS_CTR_PASS_UNTRUSTED] = "pass_untrusted";
  names[KNITS_CTR_EARLY_DROP_FULL] = "early_drop_full";
  names[KNITS_CTR_EARLY_DROP_HALF_OPEN] = "early_drop_half_open";
  names[KNITS_CTR_SPLICE_EMIT_FAILED] = "splice_emit_failed";
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

std::string owner_name(std::uint32_t owner) {
  switch (owner) {
    case KNITS_OWNER_NONE:
      return "none";
    case KNITS_OWNER_KNITSD:
      return "knitsd";
    default:
      return std::to_string(owner);
  }
}

std::string splice_status_name(unsigned status) {
  return table::name_or_number(kSpliceStatusNames, status, "status_");
}

std::string splice_status_explanation(unsigned status) {
  if (status < kSpliceStatusExplanations.size()) {
    return std::string(kSpliceStatusExplanations.at(status));
  }
  return "a reason this build of knits does not know: the module is newer";
}

}  // namespace knits::names
