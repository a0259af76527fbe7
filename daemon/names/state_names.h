// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_NAMES_STATE_NAMES_H
#define KNITS_DAEMON_NAMES_STATE_NAMES_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace knits::names {

// enum knits_member_state: "active", "draining", "down"; an unknown value
// is "state_<n>".
[[nodiscard]] std::string member_state_name(unsigned state);
// The state named @text (any letter case), or nullopt.
[[nodiscard]] std::optional<std::uint8_t> parse_member_state(std::string_view text);
[[nodiscard]] std::vector<std::string> member_state_names();

// enum knits_tcp_state as ipvsadm -L -c prints it: "NONE", "SYN_SENT",
// "ESTABLISHED", ...; an unknown value is "STATE_<n>".
[[nodiscard]] std::string tcp_state_name(unsigned state);
// The state named @text (any letter case), or nullopt.
[[nodiscard]] std::optional<std::uint8_t> parse_tcp_state(std::string_view text);

}  // namespace knits::names

#endif  // KNITS_DAEMON_NAMES_STATE_NAMES_H
