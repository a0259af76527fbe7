// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_SOCKET_ADDRESS_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_SOCKET_ADDRESS_H

#include <string>
#include <string_view>

#include "node/socket_endpoint.h"

namespace knits::testnode {

// The node library's: one shape for the socket calls, conversions to and
// from genl::Endpoint, and a socket's two ends.
using node::local_address;
using node::peer_address;
using node::SocketAddress;

// Reads "a.b.c.d:port" or "[v6]:port" (port 1..65535). Throws
// std::runtime_error with a message that quotes @text.
[[nodiscard]] SocketAddress parse_socket_address(std::string_view text);

// "a.b.c.d:port" or "[v6]:port", as knitsctl prints endpoints, so that the
// splice command reads back exactly what it is given. An IPv4-mapped IPv6
// address prints as plain IPv4.
[[nodiscard]] std::string to_string(const SocketAddress& address);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_SOCKET_ADDRESS_H
