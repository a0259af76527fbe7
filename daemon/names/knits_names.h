// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_NAMES_KNITS_NAMES_H
#define KNITS_DAEMON_NAMES_KNITS_NAMES_H

#include <cstdint>
#include <string>
#include <vector>

namespace knits::names {

// Name of counter @id (enum knits_counter), e.g. "hook_packets_ipv4"; an id
// this build does not know (from a newer module) is "counter_<id>".
[[nodiscard]] std::string counter_name(unsigned id);

// Names of the hooks set in @mask (enum knits_hook_flag), lowest bit first,
// e.g. "ipv4_pre_routing"; an unknown bit n is "hook_bit_<n>".
[[nodiscard]] std::vector<std::string> hook_names(std::uint32_t mask);

}  // namespace knits::names

#endif  // KNITS_DAEMON_NAMES_KNITS_NAMES_H
