// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// genl::Endpoint to and from the socket calls' addresses, and a connected
// TCP socket's two ends as a splice names them.

#ifndef KNITS_DAEMON_NODE_SOCKET_ENDPOINT_H
#define KNITS_DAEMON_NODE_SOCKET_ENDPOINT_H

#include <netinet/in.h>
#include <sys/socket.h>

#include "genl/endpoint.h"
#include "genl/splice.h"

namespace knits::node {

// The union spares the casts between the sockaddr flavours.
struct SocketAddress {
  union {
    sockaddr_storage storage;
    sockaddr any;
    sockaddr_in v4;
    sockaddr_in6 v6;
  } addr{};
  socklen_t size = sizeof(sockaddr_storage);

  [[nodiscard]] int family() const { return addr.any.sa_family; }
};

[[nodiscard]] SocketAddress to_socket_address(const genl::Endpoint& endpoint);
// An IPv4-mapped IPv6 address (a dual-stack socket's IPv4 peer) comes out
// as IPv4: the address on the wire, the one the gateway knows the flow by.
// Throws std::invalid_argument for a family that is neither.
[[nodiscard]] genl::Endpoint from_socket_address(const SocketAddress& address);

// getsockname() and getpeername() of socket @fd. Throw std::system_error.
[[nodiscard]] SocketAddress local_address(int fd);
[[nodiscard]] SocketAddress peer_address(int fd);

// Both ends of connected socket @fd as a splice connection.
[[nodiscard]] genl::SpliceConnection connection_of(int fd);

}  // namespace knits::node

#endif  // KNITS_DAEMON_NODE_SOCKET_ENDPOINT_H
