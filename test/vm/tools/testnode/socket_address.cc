// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Socket addresses in the text form knitsctl uses (genl/endpoint.h), so that
// the splice command reads back exactly what it prints.

#include "testnode/socket_address.h"

#include <string>
#include <string_view>

#include "genl/endpoint.h"
#include "node/socket_endpoint.h"

namespace knits::testnode {

SocketAddress parse_socket_address(std::string_view text) {
  return node::to_socket_address(genl::parse_endpoint(text));
}

std::string to_string(const SocketAddress& address) {
  return genl::to_string(node::from_socket_address(address));
}

}  // namespace knits::testnode
