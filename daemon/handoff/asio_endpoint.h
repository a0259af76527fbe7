// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// genl::Endpoint to and from Boost.Asio's address types.

#ifndef KNITS_DAEMON_HANDOFF_ASIO_ENDPOINT_H
#define KNITS_DAEMON_HANDOFF_ASIO_ENDPOINT_H

#include <boost/asio/ip/address.hpp>

#include "genl/endpoint.h"

namespace knits::handoff {

[[nodiscard]] boost::asio::ip::address to_asio(const genl::Endpoint& endpoint);
[[nodiscard]] genl::Endpoint from_asio(const boost::asio::ip::address& address,
                                       unsigned short port);

}  // namespace knits::handoff

#endif  // KNITS_DAEMON_HANDOFF_ASIO_ENDPOINT_H
