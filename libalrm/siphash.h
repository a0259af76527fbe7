// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// SipHash-2-4 with a 64-bit result, as the kernel's siphash() computes it
// (include/linux/siphash.h), by OpenSSL's EVP_MAC "SIPHASH".

#ifndef KNITS_LIBALRM_SIPHASH_H
#define KNITS_LIBALRM_SIPHASH_H

#include <cstdint>
#include <span>

#include "genl/config.h"

namespace knits::alrm {

// The key's bytes as KNITS_CFG_A_HASH_KEY carries them. Throws
// std::runtime_error if OpenSSL cannot compute it (no SIPHASH provider).
[[nodiscard]] std::uint64_t siphash24(const genl::HashKey& key, std::span<const std::uint8_t> data);

}  // namespace knits::alrm

#endif  // KNITS_LIBALRM_SIPHASH_H
