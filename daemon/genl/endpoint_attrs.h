// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_ENDPOINT_ATTRS_H
#define KNITS_DAEMON_GENL_ENDPOINT_ATTRS_H

#include <cstdint>
#include <string_view>

#include "genl/endpoint.h"
#include "genl/reply_attrs.h"
#include "knits.h"

struct nl_msg;

namespace knits::genl {

// The attribute types that carry an endpoint inside one kind of nest
// (uapi/knits.h, "Addresses").
struct EndpointAttrTypes {
  int family;
  int address;
  int port;
};

// The service, member and client nests all carry their key as
// KNITS_EP_A_*; a connection's nest has its own types.
inline constexpr EndpointAttrTypes kKeyAttrs{KNITS_EP_A_FAMILY, KNITS_EP_A_ADDR, KNITS_EP_A_PORT};

// Appends the family and address attributes of @endpoint to the nest being
// built, and its port unless @with_port is false (a lookup's client may
// leave it out).
void put_endpoint(nl_msg* msg, const EndpointAttrTypes& types, const Endpoint& endpoint,
                  bool with_port = true);

// Reads an endpoint from @attrs; @name says whose it is in errors ("member").
[[nodiscard]] Endpoint read_endpoint(const ReplyAttrs& attrs, const EndpointAttrTypes& types,
                                     std::string_view name);

// The same, for nests where several endpoints share one family attribute
// (a connection's client, VIP and member).
[[nodiscard]] Endpoint read_endpoint(const ReplyAttrs& attrs, std::uint16_t family,
                                     int address_type, int port_type, std::string_view name);

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_ENDPOINT_ATTRS_H
