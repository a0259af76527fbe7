// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "handoff/key.h"

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "genl/hex.h"

namespace knits::handoff {

Key parse_key(std::string_view text) {
  Key key{};
  genl::parse_hex_key(text, key, "key");
  return key;
}

std::array<std::uint8_t, 16> tag_address(const genl::Endpoint& address) {
  std::array<std::uint8_t, 16> out{};
  if (address.family == AF_INET6) {
    return address.address;
  }
  out[10] = 0xff;
  out[11] = 0xff;
  std::copy_n(address.address.begin(), 4, out.begin() + 12);
  return out;
}

std::array<std::uint8_t, KNITS_HANDOFF_TAG_LEN> make_tag(const Key& key,
                                                         const genl::Endpoint& node_address,
                                                         std::span<const std::uint8_t> bytes) {
  if (bytes.size() > KNITS_HANDOFF_MAX_LEN) {
    throw std::length_error("a hand-off message is at most KNITS_HANDOFF_MAX_LEN bytes");
  }
  // One contiguous input for the one-shot HMAC(): the messages are small.
  std::array<std::uint8_t, 16 + KNITS_HANDOFF_MAX_LEN> input{};
  const std::size_t n = bytes.size();
  const std::array<std::uint8_t, 16> address = tag_address(node_address);
  std::copy(address.begin(), address.end(), input.begin());
  std::copy_n(bytes.begin(), n, input.begin() + 16);
  std::array<std::uint8_t, KNITS_HANDOFF_TAG_LEN> tag{};
  unsigned int tag_len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), input.data(), 16 + n, tag.data(),
           &tag_len) == nullptr ||
      tag_len != tag.size()) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return tag;
}

bool tag_verifies(const Key& key, const genl::Endpoint& node_address,
                  std::span<const std::uint8_t> bytes,
                  std::span<const std::uint8_t, KNITS_HANDOFF_TAG_LEN> tag) {
  if (bytes.size() > KNITS_HANDOFF_MAX_LEN) {
    return false;
  }
  const std::array<std::uint8_t, KNITS_HANDOFF_TAG_LEN> want = make_tag(key, node_address, bytes);
  return CRYPTO_memcmp(want.data(), tag.data(), want.size()) == 0;
}

}  // namespace knits::handoff
