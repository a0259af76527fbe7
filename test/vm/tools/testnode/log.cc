// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "testnode/log.h"

#include <cstdio>
#include <mutex>
#include <string_view>

namespace knits::testnode {
namespace {

std::mutex log_mutex;

}  // namespace

void log_line(std::string_view line) {
  const std::scoped_lock lock(log_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
}

}  // namespace knits::testnode
