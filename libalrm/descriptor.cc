// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "libalrm/descriptor.h"

#include <string>

namespace knits::alrm {

std::string Origin::to_string() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

const char* scheduler_name(Scheduler sched) noexcept {
  switch (sched) {
    case Scheduler::kRr:
      return "rr";
    case Scheduler::kWrr:
      return "wrr";
    case Scheduler::kLc:
      return "lc";
    case Scheduler::kSh:
      return "sh";
    case Scheduler::kMh:
      return "mh";
  }
  return "?";
}

}  // namespace knits::alrm
