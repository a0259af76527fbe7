// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "testnode/counted_socket.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <stdexcept>
#include <string_view>

#include "testnode/fd_io.h"

namespace knits::testnode {
namespace {

constexpr std::size_t kReadChunk = std::size_t{64} * 1024;

}  // namespace

bool CountedSocket::fill() {
  const std::size_t old_size = buffer_.size();
  buffer_.resize(old_size + kReadChunk);
  std::size_t got = 0;
  try {
    got = read_some(fd(), std::span<char>(buffer_).subspan(old_size));
  } catch (...) {
    buffer_.resize(old_size);
    throw;
  }
  buffer_.resize(old_size + got);
  received_ += got;
  return got > 0;
}

bool CountedSocket::take(std::uint64_t count, const std::function<void(std::string_view)>& sink,
                         Clock::time_point deadline) {
  while (count > 0) {
    if (buffer_.empty()) {
      if (!wait_readable(fd(), deadline)) {
        throw std::runtime_error("timed out waiting for data");
      }
      if (!fill()) {
        return false;
      }
    }
    const std::size_t piece =
        static_cast<std::size_t>(std::min<std::uint64_t>(count, buffer_.size()));
    sink(std::string_view{buffer_}.substr(0, piece));
    consume(piece);
    count -= piece;
  }
  return true;
}

void CountedSocket::send(std::string_view bytes) {
  send_all(fd(), bytes);
  sent_ += bytes.size();
}

}  // namespace knits::testnode
