// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_STATUS_H
#define KNITS_DAEMON_GENL_STATUS_H

#include <cstdint>
#include <string>

#include "genl/counter_map.h"

namespace knits::genl {

// Reply of KNITS_CMD_GET_STATUS, as the module sent it (see uapi/knits.h).
struct Status {
  std::string version;
  std::uint32_t abi_version = 0;
  // Bit mask of enum knits_hook_flag, unknown bits included.
  std::uint32_t hooks = 0;
  // Keyed by enum knits_counter id.
  CounterMap counters;

  friend bool operator==(const Status&, const Status&) = default;
};

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_STATUS_H
