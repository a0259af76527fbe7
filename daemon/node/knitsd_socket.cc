// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "node/knitsd_socket.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "node/socket_endpoint.h"

namespace knits::node {

KnitsdSocket::KnitsdSocket(const genl::Endpoint& knitsd)
    : fd_(::socket(knitsd.family, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
  if (fd_ < 0) {
    throw std::system_error(errno, std::generic_category(), "socket");
  }
  const SocketAddress to = to_socket_address(knitsd);
  if (::connect(fd_, &to.addr.any, to.size) != 0) {
    const int error = errno;
    ::close(fd_);
    throw std::system_error(error, std::generic_category(),
                            "connect to knitsd at " + genl::to_string(knitsd));
  }
}

KnitsdSocket::~KnitsdSocket() { ::close(fd_); }

genl::Endpoint KnitsdSocket::local() const {
  genl::Endpoint endpoint = from_socket_address(local_address(fd_));
  endpoint.port = 0;
  return endpoint;
}

}  // namespace knits::node
