// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/endpoint_attrs.h"

#include <algorithm>
#include <span>
#include <string>

#include "genl/request_attrs.h"

namespace knits::genl {

void put_endpoint(nl_msg* msg, const EndpointAttrTypes& types, const Endpoint& endpoint,
                  bool with_port) {
  put_u16(msg, types.family, endpoint.family);
  put_binary(msg, types.address, std::span(endpoint.address).first(address_size(endpoint.family)));
  if (with_port) {
    put_u16(msg, types.port, endpoint.port);
  }
}

Endpoint read_endpoint(const ReplyAttrs& attrs, const EndpointAttrTypes& types,
                       std::string_view name) {
  const std::uint16_t family = attrs.u16(types.family, std::string(name) + " family");
  return read_endpoint(attrs, family, types.address, types.port, name);
}

Endpoint read_endpoint(const ReplyAttrs& attrs, std::uint16_t family, int address_type,
                       int port_type, std::string_view name) {
  const std::size_t size = address_size(family);
  if (size == 0) {
    attrs.malformed(std::string(name) + " family " + std::to_string(family) +
                    " is neither AF_INET nor AF_INET6");
  }
  const std::span<const std::uint8_t> address =
      attrs.binary(address_type, std::string(name) + " address");
  if (address.size() != size) {
    attrs.malformed(std::string(name) + " address has " + std::to_string(address.size()) +
                    " bytes, not the " + std::to_string(size) + " of its family");
  }
  Endpoint endpoint;
  endpoint.family = family;
  std::copy(address.begin(), address.end(), endpoint.address.begin());
  endpoint.port = attrs.u16(port_type, std::string(name) + " port");
  return endpoint;
}

}  // namespace knits::genl
