// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "libalrm/siphash.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace knits::alrm {
namespace {

struct MacDeleter {
  void operator()(EVP_MAC* mac) const noexcept { EVP_MAC_free(mac); }
};
struct ContextDeleter {
  void operator()(EVP_MAC_CTX* ctx) const noexcept { EVP_MAC_CTX_free(ctx); }
};

// Fetched once: fetching looks the algorithm up in the provider tables.
EVP_MAC* siphash_mac() {
  static const std::unique_ptr<EVP_MAC, MacDeleter> kMac(
      EVP_MAC_fetch(nullptr, "SIPHASH", nullptr));
  if (!kMac) {
    throw std::runtime_error("OpenSSL has no SIPHASH");
  }
  return kMac.get();
}

}  // namespace

std::uint64_t siphash24(const genl::HashKey& key, std::span<const std::uint8_t> data) {
  const std::unique_ptr<EVP_MAC_CTX, ContextDeleter> ctx(EVP_MAC_CTX_new(siphash_mac()));
  unsigned int size = 8;
  const std::array params{
      OSSL_PARAM_construct_uint(OSSL_MAC_PARAM_SIZE, &size),
      OSSL_PARAM_construct_end(),
  };
  std::array<std::uint8_t, 8> out{};
  std::size_t out_len = 0;
  if (!ctx || EVP_MAC_init(ctx.get(), key.data(), key.size(), params.data()) != 1 ||
      EVP_MAC_update(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), out.data(), &out_len, out.size()) != 1 || out_len != out.size()) {
    throw std::runtime_error("SipHash-2-4 failed in OpenSSL");
  }
  // SipHash's result is a little-endian 64-bit number.
  std::uint64_t value = 0;
  for (std::size_t i = out.size(); i-- > 0;) {
    value = value << 8 | out.at(i);
  }
  return value;
}

}  // namespace knits::alrm
