// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// What the benchmarks do when a check of their work fails: a benchmark of
// code that did not do its job measures nothing, so the run stops there,
// saying what was wrong.

#ifndef KNITS_TEST_BENCH_VERIFY_H
#define KNITS_TEST_BENCH_VERIFY_H

#include <cstdio>
#include <cstdlib>

namespace knits::bench {

[[noreturn]] inline void verification_failed(const char* what, const char* detail) {
  std::fprintf(stderr, "knits_core_bench: %s: verification failed: %s\n", what, detail);
  std::fflush(stderr);
  std::abort();
}

inline void verify(bool ok, const char* what, const char* detail) {
  if (!ok) {
    verification_failed(what, detail);
  }
}

}  // namespace knits::bench

#endif  // KNITS_TEST_BENCH_VERIFY_H
