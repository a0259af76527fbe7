// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Socket addresses in the text form knitsctl uses (genl/endpoint.h), so that
// the splice command reads back exactly what it prints.

#include "testnode/socket_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

#include "genl/endpoint.h"
#include "testnode/sys_error.h"

namespace knits::testnode {
namespace {

// ::ffff:a.b.c.d (RFC 4291 section 2.5.5.2).
bool is_v4_mapped(const in6_addr& address) {
  constexpr std::size_t kZeroPrefix = 10;
  const auto* bytes = address.s6_addr;
  return std::all_of(bytes, bytes + kZeroPrefix, [](std::uint8_t b) { return b == 0; }) &&
         bytes[kZeroPrefix] == 0xff && bytes[kZeroPrefix + 1] == 0xff;
}

genl::Endpoint to_endpoint(const SocketAddress& address) {
  genl::Endpoint endpoint;
  switch (address.family()) {
    case AF_INET:
      endpoint.family = AF_INET;
      std::memcpy(endpoint.address.data(), &address.addr.v4.sin_addr, sizeof(in_addr));
      endpoint.port = ntohs(address.addr.v4.sin_port);
      break;
    case AF_INET6: {
      const in6_addr& v6 = address.addr.v6.sin6_addr;
      if (is_v4_mapped(v6)) {
        constexpr std::size_t kV4Offset = 12;
        endpoint.family = AF_INET;
        std::memcpy(endpoint.address.data(), v6.s6_addr + kV4Offset, sizeof(in_addr));
      } else {
        endpoint.family = AF_INET6;
        std::memcpy(endpoint.address.data(), &v6, sizeof(in6_addr));
      }
      endpoint.port = ntohs(address.addr.v6.sin6_port);
      break;
    }
    default:
      throw std::runtime_error("address family " + std::to_string(address.family()) +
                               " is neither IPv4 nor IPv6");
  }
  return endpoint;
}

}  // namespace

SocketAddress parse_socket_address(std::string_view text) {
  const genl::Endpoint endpoint = genl::parse_endpoint(text);
  SocketAddress out;
  if (endpoint.family == AF_INET) {
    out.addr.v4.sin_family = AF_INET;
    out.addr.v4.sin_port = htons(endpoint.port);
    std::memcpy(&out.addr.v4.sin_addr, endpoint.address.data(), sizeof(in_addr));
    out.size = sizeof(sockaddr_in);
  } else {
    out.addr.v6.sin6_family = AF_INET6;
    out.addr.v6.sin6_port = htons(endpoint.port);
    std::memcpy(&out.addr.v6.sin6_addr, endpoint.address.data(), sizeof(in6_addr));
    out.size = sizeof(sockaddr_in6);
  }
  return out;
}

std::string to_string(const SocketAddress& address) {
  return genl::to_string(to_endpoint(address));
}

SocketAddress local_address(int fd) {
  SocketAddress out;
  if (getsockname(fd, &out.addr.any, &out.size) != 0) {
    throw_errno("getsockname");
  }
  return out;
}

SocketAddress peer_address(int fd) {
  SocketAddress out;
  if (getpeername(fd, &out.addr.any, &out.size) != 0) {
    throw_errno("getpeername");
  }
  return out;
}

}  // namespace knits::testnode
