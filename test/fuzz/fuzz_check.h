// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// CHECK(cond) for the fuzz targets' invariants: says which one broke and
// where, then crashes for libFuzzer to report the input.

#ifndef KNITS_TEST_FUZZ_FUZZ_CHECK_H
#define KNITS_TEST_FUZZ_FUZZ_CHECK_H

#include <cstdio>

namespace knits::fuzz {

inline void check(bool ok, const char* what, const char* file, int line) {
  if (!ok) {
    std::fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    __builtin_trap();
  }
}

}  // namespace knits::fuzz

// NOLINTNEXTLINE(cppcoreguidelines-macro-usage): the condition's text and line
#define CHECK(cond) ::knits::fuzz::check((cond), #cond, __FILE__, __LINE__)

#endif  // KNITS_TEST_FUZZ_FUZZ_CHECK_H
