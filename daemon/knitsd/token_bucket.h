// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The per-source rate limit knitsd applies before any crypto: a request
// costs a token; tokens come back at @rate per second up to @burst.

#ifndef KNITS_DAEMON_KNITSD_TOKEN_BUCKET_H
#define KNITS_DAEMON_KNITSD_TOKEN_BUCKET_H

#include <chrono>

namespace knits::knitsd {

class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;

  TokenBucket(double rate, double burst, Clock::time_point now)
      : rate_(rate), burst_(burst), tokens_(burst), last_(now) {}

  // Takes a token if there is one.
  [[nodiscard]] bool take(Clock::time_point now);

 private:
  double rate_;
  double burst_;
  double tokens_;
  Clock::time_point last_;
};

}  // namespace knits::knitsd

#endif  // KNITS_DAEMON_KNITSD_TOKEN_BUCKET_H
