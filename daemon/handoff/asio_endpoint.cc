// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "handoff/asio_endpoint.h"

#include <sys/socket.h>

#include <algorithm>
#include <array>

#include <boost/asio/ip/address.hpp>

namespace knits::handoff {

namespace ip = boost::asio::ip;

ip::address to_asio(const genl::Endpoint& endpoint) {
  if (endpoint.family == AF_INET6) {
    return ip::address_v6(endpoint.address);
  }
  std::array<unsigned char, 4> v4{};
  std::copy_n(endpoint.address.begin(), 4, v4.begin());
  return ip::address_v4(v4);
}

genl::Endpoint from_asio(const ip::address& address, unsigned short port) {
  genl::Endpoint endpoint;
  endpoint.port = port;
  ip::address plain = address;
  // an IPv4 peer of a dual-stack socket
  if (plain.is_v6() && plain.to_v6().is_v4_mapped()) {
    plain = ip::make_address_v4(ip::v4_mapped, plain.to_v6());
  }
  if (plain.is_v4()) {
    endpoint.family = AF_INET;
    const auto bytes = plain.to_v4().to_bytes();
    std::copy(bytes.begin(), bytes.end(), endpoint.address.begin());
  } else {
    endpoint.family = AF_INET6;
    endpoint.address = plain.to_v6().to_bytes();
  }
  return endpoint;
}

}  // namespace knits::handoff
