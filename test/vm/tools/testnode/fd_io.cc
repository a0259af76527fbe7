// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "testnode/fd_io.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstddef>
#include <span>
#include <string_view>

#include "testnode/sys_error.h"

namespace knits::testnode {
namespace {

// poll()'s timeout for @deadline: -1 for none.
int poll_timeout(Clock::time_point deadline) {
  if (deadline == kNoDeadline) {
    return -1;
  }
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<decltype(left)>(left, 0, INT_MAX));
}

// Calls @write_once until it has taken all of @bytes.
template <typename WriteOnce>
void write_loop(std::string_view bytes, const char* what, WriteOnce write_once) {
  while (!bytes.empty()) {
    const ssize_t written = write_once(bytes);
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw_errno(what);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace

void send_all(int fd, std::string_view bytes) {
  write_loop(bytes, "send", [fd](std::string_view rest) {
    return ::send(fd, rest.data(), rest.size(), MSG_NOSIGNAL);
  });
}

void write_all(int fd, std::string_view bytes) {
  write_loop(bytes, "write",
             [fd](std::string_view rest) { return ::write(fd, rest.data(), rest.size()); });
}

std::size_t read_some(int fd, std::span<char> buffer) {
  for (;;) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got >= 0) {
      return static_cast<std::size_t>(got);
    }
    if (errno != EINTR) {
      throw_errno("read");
    }
  }
}

bool wait_readable(int fd, Clock::time_point deadline) {
  for (;;) {
    pollfd entry{.fd = fd, .events = POLLIN, .revents = 0};
    const int ready = ::poll(&entry, 1, poll_timeout(deadline));
    if (ready > 0) {
      return true;
    }
    if (ready == 0) {
      return false;
    }
    if (errno != EINTR) {
      throw_errno("poll");
    }
  }
}

}  // namespace knits::testnode
