// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsd/token_bucket.h"

#include <algorithm>
#include <chrono>

namespace knits::knitsd {

bool TokenBucket::take(Clock::time_point now) {
  if (now > last_) {
    const std::chrono::duration<double> elapsed = now - last_;
    tokens_ = std::min(burst_, tokens_ + elapsed.count() * rate_);
    last_ = now;
  }
  if (tokens_ < 1.0) {
    return false;
  }
  tokens_ -= 1.0;
  return true;
}

}  // namespace knits::knitsd
