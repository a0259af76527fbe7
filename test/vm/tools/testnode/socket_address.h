// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_SOCKET_ADDRESS_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_SOCKET_ADDRESS_H

#include <netinet/in.h>
#include <sys/socket.h>

#include <string>
#include <string_view>

namespace knits::testnode {

// A socket address in the one shape the socket calls take. The union
// spares the casts between the sockaddr flavours.
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

// Reads "a.b.c.d:port" or "[v6]:port" (port 1..65535). Throws
// std::runtime_error with a message that quotes @text.
[[nodiscard]] SocketAddress parse_socket_address(std::string_view text);

// "a.b.c.d:port" or "[v6]:port". An IPv4-mapped IPv6 address, what a
// dual-stack socket reports for an IPv4 peer, prints as plain IPv4: it is
// the address on the wire, the one the gateway knows the flow by.
[[nodiscard]] std::string to_string(const SocketAddress& address);

// The local and the peer address of connected socket @fd. Throw
// std::system_error.
[[nodiscard]] SocketAddress local_address(int fd);
[[nodiscard]] SocketAddress peer_address(int fd);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_SOCKET_ADDRESS_H
