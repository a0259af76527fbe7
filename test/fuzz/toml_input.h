// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// For the fuzz targets of TOML readers: the input as a reader gets it, and
// what every FileError must look like.

#ifndef KNITS_TEST_FUZZ_TOML_INPUT_H
#define KNITS_TEST_FUZZ_TOML_INPUT_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace knits::fuzz {

// Exactly @size bytes on the heap, no terminating zero the reader could
// lean on: AddressSanitizer sees any access beyond them.
inline std::unique_ptr<char[]> exact_copy(const std::uint8_t* data, std::size_t size) {
  auto text = std::make_unique<char[]>(size == 0 ? 1 : size);
  for (std::size_t i = 0; i < size; i++) {
    text[i] = static_cast<char>(data[i]);
  }
  return text;
}

inline bool digits(std::string_view text, std::size_t& at) {
  const std::size_t start = at;
  while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
    at++;
  }
  return at > start;
}

// "FILE:LINE:COLUMN: what", what not empty.
inline bool positioned(std::string_view message, std::string_view file) {
  if (message.substr(0, file.size()) != file) {
    return false;
  }
  std::size_t at = file.size();
  if (at >= message.size() || message[at++] != ':' || !digits(message, at)) {
    return false;
  }
  if (at >= message.size() || message[at++] != ':' || !digits(message, at)) {
    return false;
  }
  return message.substr(at, 2) == ": " && message.size() > at + 2;
}

}  // namespace knits::fuzz

#endif  // KNITS_TEST_FUZZ_TOML_INPUT_H
