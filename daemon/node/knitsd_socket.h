// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// A UDP socket connected to knitsd, closed when it goes: what a node sends
// its requests from, and the address they carry (the one tags cover).

#ifndef KNITS_DAEMON_NODE_KNITSD_SOCKET_H
#define KNITS_DAEMON_NODE_KNITSD_SOCKET_H

#include "genl/endpoint.h"

namespace knits::node {

class KnitsdSocket {
 public:
  // Throws std::system_error.
  explicit KnitsdSocket(const genl::Endpoint& knitsd);
  KnitsdSocket(const KnitsdSocket&) = delete;
  KnitsdSocket& operator=(const KnitsdSocket&) = delete;
  KnitsdSocket(KnitsdSocket&&) = delete;
  KnitsdSocket& operator=(KnitsdSocket&&) = delete;
  ~KnitsdSocket();

  [[nodiscard]] int fd() const { return fd_; }
  // The address knitsd sees this socket's datagrams come from (port 0).
  [[nodiscard]] genl::Endpoint local() const;

 private:
  int fd_;
};

}  // namespace knits::node

#endif  // KNITS_DAEMON_NODE_KNITSD_SOCKET_H
