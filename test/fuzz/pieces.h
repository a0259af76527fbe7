// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// For the framers' differential fuzz targets: the input's first byte says
// how the rest arrives (pieces of 1 to 17 bytes, and a flag bit), the rest
// is the stream.

#ifndef KNITS_TEST_FUZZ_PIECES_H
#define KNITS_TEST_FUZZ_PIECES_H

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace knits::fuzz {

struct Pieces {
  std::size_t piece = 1;
  bool flag = false;
  std::string stream;
};

// @size > 0.
inline Pieces pieces_of(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  return Pieces{.piece = 1 + input[0] % 17U,
                .flag = (input[0] & 0x80U) != 0,
                .stream = std::string(input.begin() + 1, input.end())};
}

}  // namespace knits::fuzz

#endif  // KNITS_TEST_FUZZ_PIECES_H
