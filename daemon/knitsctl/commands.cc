// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include <array>

#include "knitsctl/command.h"

namespace knits::ctl {

std::span<const CommandEntry> commands() {
  static constexpr std::array kCommands{
      CommandEntry{"status", "Show the module's version, hooks and counters", make_status_command},
      CommandEntry{"zero", "Reset all counters to zero (needs CAP_NET_ADMIN)", make_zero_command},
  };
  return kCommands;
}

}  // namespace knits::ctl
