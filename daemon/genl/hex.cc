// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/hex.h"

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace knits::genl {
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

void parse_hex_key(std::string_view text, std::span<std::uint8_t> out, std::string_view what) {
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  const std::string name(what);
  if (text.size() != 2 * out.size()) {
    throw std::invalid_argument("a " + name + " is " + std::to_string(2 * out.size()) +
                                " hexadecimal digits, not " + std::to_string(text.size()) +
                                " characters");
  }
  for (std::size_t i = 0; i < out.size(); i++) {
    const int hi = hex_digit(text[2 * i]);
    const int lo = hex_digit(text[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      throw std::invalid_argument("a " + name + " has only hexadecimal digits (0-9, a-f)");
    }
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
}

}  // namespace knits::genl
