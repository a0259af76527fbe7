// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_LIBALRM_PRIMES_H
#define KNITS_LIBALRM_PRIMES_H

#include <cstdint>

namespace knits::alrm {

// Trial division: table sizes are at most KNITS_MH_TABLE_SIZE_MAX.
[[nodiscard]] constexpr bool is_prime(std::uint32_t n) noexcept {
  if (n < 2) {
    return false;
  }
  for (std::uint32_t d = 2; d <= n / d; d++) {
    if (n % d == 0) {
      return false;
    }
  }
  return true;
}

}  // namespace knits::alrm

#endif  // KNITS_LIBALRM_PRIMES_H
