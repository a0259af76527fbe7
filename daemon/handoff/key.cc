// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "handoff/key.h"

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cctype>
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

namespace knits::handoff {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

}  // namespace

Key parse_key(std::string_view text) {
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  Key key{};
  if (text.size() != 2 * key.size()) {
    throw std::invalid_argument("a key is " + std::to_string(2 * key.size()) +
                                " hexadecimal digits, not " + std::to_string(text.size()) +
                                " characters");
  }
  for (std::size_t i = 0; i < key.size(); i++) {
    const int hi = hex_digit(text[2 * i]);
    const int lo = hex_digit(text[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      throw std::invalid_argument("a key has only hexadecimal digits (0-9, a-f)");
    }
    key.at(i) = static_cast<std::uint8_t>(hi << 4 | lo);
  }
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
