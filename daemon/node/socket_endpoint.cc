// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "node/socket_endpoint.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <system_error>

namespace knits::node {

SocketAddress to_socket_address(const genl::Endpoint& endpoint) {
  SocketAddress address;
  if (endpoint.family == AF_INET6) {
    address.addr.v6.sin6_family = AF_INET6;
    address.addr.v6.sin6_port = htons(endpoint.port);
    std::copy(endpoint.address.begin(), endpoint.address.end(), address.addr.v6.sin6_addr.s6_addr);
    address.size = sizeof(sockaddr_in6);
  } else {
    address.addr.v4.sin_family = AF_INET;
    address.addr.v4.sin_port = htons(endpoint.port);
    const std::uint32_t host = static_cast<std::uint32_t>(endpoint.address[0]) << 24 |
                               static_cast<std::uint32_t>(endpoint.address[1]) << 16 |
                               static_cast<std::uint32_t>(endpoint.address[2]) << 8 |
                               endpoint.address[3];
    address.addr.v4.sin_addr.s_addr = htonl(host);
    address.size = sizeof(sockaddr_in);
  }
  return address;
}

genl::Endpoint from_socket_address(const SocketAddress& address) {
  genl::Endpoint endpoint;
  if (address.addr.any.sa_family == AF_INET6) {
    const sockaddr_in6& v6 = address.addr.v6;
    endpoint.port = ntohs(v6.sin6_port);
    if (IN6_IS_ADDR_V4MAPPED(&v6.sin6_addr)) {
      endpoint.family = AF_INET;
      std::copy_n(v6.sin6_addr.s6_addr + 12, 4, endpoint.address.begin());
    } else {
      endpoint.family = AF_INET6;
      std::copy_n(v6.sin6_addr.s6_addr, 16, endpoint.address.begin());
    }
  } else if (address.addr.any.sa_family == AF_INET) {
    endpoint.family = AF_INET;
    endpoint.port = ntohs(address.addr.v4.sin_port);
    const std::uint32_t host = ntohl(address.addr.v4.sin_addr.s_addr);
    endpoint.address[0] = static_cast<std::uint8_t>(host >> 24);
    endpoint.address[1] = static_cast<std::uint8_t>(host >> 16);
    endpoint.address[2] = static_cast<std::uint8_t>(host >> 8);
    endpoint.address[3] = static_cast<std::uint8_t>(host);
  } else {
    throw std::invalid_argument("address family " + std::to_string(address.addr.any.sa_family) +
                                " is neither IPv4 nor IPv6");
  }
  return endpoint;
}

SocketAddress local_address(int fd) {
  SocketAddress address;
  if (::getsockname(fd, &address.addr.any, &address.size) != 0) {
    throw std::system_error(errno, std::generic_category(), "getsockname");
  }
  return address;
}

SocketAddress peer_address(int fd) {
  SocketAddress address;
  if (::getpeername(fd, &address.addr.any, &address.size) != 0) {
    throw std::system_error(errno, std::generic_category(), "getpeername");
  }
  return address;
}

genl::SpliceConnection connection_of(int fd) {
  return genl::SpliceConnection{from_socket_address(local_address(fd)),
                                from_socket_address(peer_address(fd))};
}

}  // namespace knits::node
