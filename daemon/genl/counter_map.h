// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_COUNTER_MAP_H
#define KNITS_DAEMON_GENL_COUNTER_MAP_H

#include <cstdint>
#include <map>

namespace knits::genl {

// u64 values keyed by the attribute type that carried them: the module's
// counters (enum knits_counter) and the statistics of services and members
// (enum knits_stat). Ids this build does not know are kept so that
// presentation can still show them.
using CounterMap = std::map<std::uint16_t, std::uint64_t>;

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_COUNTER_MAP_H
