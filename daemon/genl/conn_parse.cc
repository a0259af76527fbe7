// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/conn_parse.h"

#include "genl/endpoint_attrs.h"
#include "genl/reply_attrs.h"
#include "knits.h"

namespace knits::genl {

Conn parse_conn(nlmsghdr* hdr) {
  const ReplyAttrs attrs =
      ReplyAttrs::of_message(hdr, KNITS_CMD_GET_CONN, KNITS_A_MAX, "connection reply");
  const ReplyAttrs nest = attrs.nest(KNITS_A_CONN, "connection", KNITS_CONN_A_MAX);
  const std::uint16_t family = nest.u16(KNITS_CONN_A_FAMILY, "family");
  Conn conn;
  conn.client =
      read_endpoint(nest, family, KNITS_CONN_A_CLIENT_ADDR, KNITS_CONN_A_CLIENT_PORT, "client");
  conn.vip = read_endpoint(nest, family, KNITS_CONN_A_VIP_ADDR, KNITS_CONN_A_VIP_PORT, "VIP");
  conn.member =
      read_endpoint(nest, family, KNITS_CONN_A_MEMBER_ADDR, KNITS_CONN_A_MEMBER_PORT, "member");
  conn.state = nest.u8(KNITS_CONN_A_STATE, "state");
  conn.expires_ms = nest.u32(KNITS_CONN_A_EXPIRES_MS, "expiry");
  return conn;
}

}  // namespace knits::genl
