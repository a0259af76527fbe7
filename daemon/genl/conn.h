// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_CONN_H
#define KNITS_DAEMON_GENL_CONN_H

#include <cstdint>

#include "genl/endpoint.h"

namespace knits::genl {

// A connection as KNITS_CMD_GET_CONN reports it; the three endpoints share
// one family.
struct Conn {
  Endpoint client;
  Endpoint vip;
  Endpoint member;
  // enum knits_tcp_state, unknown values kept.
  std::uint8_t state = 0;
  // Until it is forgotten if no packet comes.
  std::uint32_t expires_ms = 0;

  friend bool operator==(const Conn&, const Conn&) = default;
};

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_CONN_H
