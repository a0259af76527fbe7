// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Decoding of KNITS_CMD_GET_CONN dump messages.

#include "genl/conn_parse.h"

#include <netlink/attr.h>
#include <netlink/msg.h>
#include <sys/socket.h>

#include <cerrno>
#include <functional>
#include <string>

#include <gtest/gtest.h>

#include "genl/endpoint.h"
#include "genl_message.h"
#include "knits.h"

namespace {

using knits::genl::Conn;
using knits::genl::parse_conn;
using knits::genl::parse_endpoint;
using knits::test::address_bytes;
using knits::test::Message;
using knits::test::new_reply;

constexpr int kNone = 0;
using PutInside = std::function<void(nl_msg*)>;

void put_address(nl_msg* msg, int type, const std::string& address) {
  const auto bytes = address_bytes(address);
  ASSERT_EQ(nla_put(msg, type, bytes.size, bytes.bytes.data()), 0);
}

// A connection fd00::5:40000 -> [fd00::100]:80 -> [fd01::2]:8080, without
// attribute @skip, plus whatever @inside adds to the nest.
Message conn_reply(int skip = kNone, const PutInside& inside = {}) {
  Message msg = new_reply(KNITS_CMD_GET_CONN);
  nl_msg* m = msg.get();
  nlattr* nest = nla_nest_start(m, KNITS_A_CONN);
  if (skip != KNITS_CONN_A_FAMILY) {
    EXPECT_EQ(nla_put_u16(m, KNITS_CONN_A_FAMILY, AF_INET6), 0);
  }
  if (skip != KNITS_CONN_A_CLIENT_ADDR) {
    put_address(m, KNITS_CONN_A_CLIENT_ADDR, "fd00::5");
  }
  if (skip != KNITS_CONN_A_CLIENT_PORT) {
    EXPECT_EQ(nla_put_u16(m, KNITS_CONN_A_CLIENT_PORT, 40000), 0);
  }
  if (skip != KNITS_CONN_A_VIP_ADDR) {
    put_address(m, KNITS_CONN_A_VIP_ADDR, "fd00::100");
  }
  if (skip != KNITS_CONN_A_VIP_PORT) {
    EXPECT_EQ(nla_put_u16(m, KNITS_CONN_A_VIP_PORT, 80), 0);
  }
  if (skip != KNITS_CONN_A_MEMBER_ADDR) {
    put_address(m, KNITS_CONN_A_MEMBER_ADDR, "fd01::2");
  }
  if (skip != KNITS_CONN_A_MEMBER_PORT) {
    EXPECT_EQ(nla_put_u16(m, KNITS_CONN_A_MEMBER_PORT, 8080), 0);
  }
  if (skip != KNITS_CONN_A_STATE) {
    EXPECT_EQ(nla_put_u8(m, KNITS_CONN_A_STATE, KNITS_TCP_ESTABLISHED), 0);
  }
  if (skip != KNITS_CONN_A_EXPIRES_MS) {
    EXPECT_EQ(nla_put_u32(m, KNITS_CONN_A_EXPIRES_MS, 899999), 0);
  }
  if (inside) {
    inside(m);
  }
  nla_nest_end(m, nest);
  return msg;
}

std::string failure(const Message& msg) {
  const auto failure = knits::test::parse_failure(parse_conn, msg.get());
  EXPECT_EQ(failure.errnum, EBADMSG);
  return failure.message;
}

TEST(ConnParse, DecodesAValidReply) {
  const Message msg = conn_reply();
  const Conn conn = parse_conn(nlmsg_hdr(msg.get()));
  EXPECT_EQ(conn.client, parse_endpoint("[fd00::5]:40000"));
  EXPECT_EQ(conn.vip, parse_endpoint("[fd00::100]:80"));
  EXPECT_EQ(conn.member, parse_endpoint("[fd01::2]:8080"));
  EXPECT_EQ(conn.state, KNITS_TCP_ESTABLISHED);
  EXPECT_EQ(conn.expires_ms, 899999U);
}

TEST(ConnParse, SkipsAttributesOfNewerModules) {
  const Message msg =
      conn_reply(kNone, [](nl_msg* m) { ASSERT_EQ(nla_put_u32(m, KNITS_CONN_A_MAX + 1, 1), 0); });
  ASSERT_EQ(nla_put_u32(msg.get(), KNITS_A_MAX + 1, 1), 0);
  EXPECT_EQ(parse_conn(nlmsg_hdr(msg.get())).expires_ms, 899999U);
}

TEST(ConnParse, RejectsEveryMissingAttribute) {
  for (int type = KNITS_CONN_A_UNSPEC + 1; type <= KNITS_CONN_A_MAX; ++type) {
    const std::string message = failure(conn_reply(type));
    EXPECT_TRUE(message.ends_with(" missing")) << "attribute " << type << ": " << message;
  }
}

TEST(ConnParse, NamesWhichEndpointIsBroken) {
  EXPECT_EQ(failure(conn_reply(KNITS_CONN_A_VIP_PORT)),
            "malformed connection reply from the knits module: VIP port missing");
  const Message short_member = conn_reply(KNITS_CONN_A_MEMBER_ADDR, [](nl_msg* m) {
    put_address(m, KNITS_CONN_A_MEMBER_ADDR, "10.1.1.2");
  });
  EXPECT_EQ(failure(short_member),
            "malformed connection reply from the knits module: member address has 4 bytes, not "
            "the 16 of its family");
}

TEST(ConnParse, RejectsAStateOfTheWrongSize) {
  const Message msg = conn_reply(KNITS_CONN_A_STATE, [](nl_msg* m) {
    ASSERT_EQ(nla_put_u32(m, KNITS_CONN_A_STATE, KNITS_TCP_ESTABLISHED), 0);
  });
  EXPECT_EQ(failure(msg), "malformed connection reply from the knits module: state is not a u8");
}

TEST(ConnParse, RejectsAMissingNest) {
  EXPECT_EQ(failure(new_reply(KNITS_CMD_GET_CONN)),
            "malformed connection reply from the knits module: connection missing");
}

}  // namespace
