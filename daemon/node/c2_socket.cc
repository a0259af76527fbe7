// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "node/c2_socket.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <system_error>

namespace knits::node {
namespace {

// The timestamp option with its padding (TCPOLEN_TSTAMP_ALIGNED).
constexpr int kTimestampOptionBytes = 12;

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

}  // namespace

int advertised_mss(int c1_fd) {
  int mss = 0;
  socklen_t size = sizeof(mss);
  if (getsockopt(c1_fd, IPPROTO_TCP, TCP_MAXSEG, &mss, &size) != 0) {
    throw_errno("getsockopt(c1, TCP_MAXSEG)");
  }
  tcp_info info{};
  size = sizeof(info);
  if (getsockopt(c1_fd, IPPROTO_TCP, TCP_INFO, &info, &size) != 0) {
    throw_errno("getsockopt(c1, TCP_INFO)");
  }
  if ((info.tcpi_options & TCPI_OPT_TIMESTAMPS) != 0) {
    mss += kTimestampOptionBytes;
  }
  return mss;
}

int set_c2_mss(int c2_fd, int mss) {
  mss = std::min(mss, kMaxUserMss);
  if (setsockopt(c2_fd, IPPROTO_TCP, TCP_MAXSEG, &mss, sizeof(mss)) != 0) {
    throw_errno("setsockopt(c2, TCP_MAXSEG, " + std::to_string(mss) + ")");
  }
  return mss;
}

}  // namespace knits::node
