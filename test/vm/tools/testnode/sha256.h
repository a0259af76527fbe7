// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_SHA256_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_SHA256_H

#include <memory>
#include <string>
#include <string_view>

#include <openssl/evp.h>

namespace knits::testnode {

// Incremental SHA-256 (OpenSSL EVP), so that bodies of any size are hashed
// as they stream past.
class Sha256 {
 public:
  // Throws std::runtime_error if OpenSSL cannot set up a digest.
  Sha256();

  void update(std::string_view bytes);

  // The digest as 64 lowercase hex digits, what sha256sum prints. Call once.
  [[nodiscard]] std::string hex_digest();

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_SHA256_H
