// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Names of member and connection states, printed by knitsctl and read back
// from its command line, so one table serves both directions.

#include "names/state_names.h"

#include <array>
#include <string_view>

#include "knits.h"
#include "names/name_table.h"

namespace knits::names {
namespace {

constexpr auto kMemberStateNames = [] {
  std::array<std::string_view, KNITS_MEMBER_STATE_MAX + 1> names{};
  names[KNITS_MEMBER_ACTIVE] = "active";
  names[KNITS_MEMBER_DRAINING] = "draining";
  names[KNITS_MEMBER_DOWN] = "down";
  return names;
}();

static_assert(table::all_named_from(kMemberStateNames, 0),
              "every enum knits_member_state value needs a name in kMemberStateNames");

constexpr auto kTcpStateNames = [] {
  std::array<std::string_view, KNITS_TCP_STATE_MAX + 1> names{};
  names[KNITS_TCP_NONE] = "NONE";
  names[KNITS_TCP_SYN_SENT] = "SYN_SENT";
  names[KNITS_TCP_SYN_RECV] = "SYN_RECV";
  names[KNITS_TCP_ESTABLISHED] = "ESTABLISHED";
  names[KNITS_TCP_FIN_WAIT] = "FIN_WAIT";
  names[KNITS_TCP_CLOSE_WAIT] = "CLOSE_WAIT";
  names[KNITS_TCP_LAST_ACK] = "LAST_ACK";
  names[KNITS_TCP_TIME_WAIT] = "TIME_WAIT";
  names[KNITS_TCP_CLOSE] = "CLOSE";
  return names;
}();

static_assert(table::all_named_from(kTcpStateNames, 0),
              "every enum knits_tcp_state value needs a name in kTcpStateNames");

template <std::size_t N>
std::optional<std::uint8_t> parse_u8(const std::array<std::string_view, N>& names,
                                     std::string_view text) {
  static_assert(N <= 256, "the states travel as NLA_U8");
  if (const auto value = table::value_of(names, text)) {
    return static_cast<std::uint8_t>(*value);
  }
  return std::nullopt;
}

}  // namespace

std::string member_state_name(unsigned state) {
  return table::name_or_number(kMemberStateNames, state, "state_");
}

std::optional<std::uint8_t> parse_member_state(std::string_view text) {
  return parse_u8(kMemberStateNames, text);
}

std::vector<std::string> member_state_names() { return table::all_names(kMemberStateNames); }

std::string tcp_state_name(unsigned state) {
  return table::name_or_number(kTcpStateNames, state, "STATE_");
}

std::optional<std::uint8_t> parse_tcp_state(std::string_view text) {
  return parse_u8(kTcpStateNames, text);
}

}  // namespace knits::names
