// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsd/replay_window.h"

#include <cstdint>

namespace knits::knitsd {

bool ReplayWindow::fresh(std::uint64_t counter) const {
  if (recent_.size() >= size_ && counter <= *recent_.begin()) {
    return false;
  }
  return !recent_.contains(counter);
}

void ReplayWindow::accept(std::uint64_t counter) {
  recent_.insert(counter);
  while (recent_.size() > size_) {
    recent_.erase(recent_.begin());
  }
}

}  // namespace knits::knitsd
