// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Decoding of KNITS_CMD_LOOKUP replies.

#include "genl/lookup_parse.h"

#include <netlink/attr.h>
#include <netlink/msg.h>

#include <cerrno>
#include <string>

#include <gtest/gtest.h>

#include "genl/endpoint.h"
#include "genl_message.h"
#include "knits.h"

namespace {

using knits::genl::parse_endpoint;
using knits::genl::parse_lookup;
using knits::test::Message;
using knits::test::new_reply;
using knits::test::put_endpoint_attrs;

std::string failure(const Message& msg) {
  const auto failure = knits::test::parse_failure(parse_lookup, msg.get());
  EXPECT_EQ(failure.errnum, EBADMSG);
  return failure.message;
}

TEST(LookupParse, DecodesTheMember) {
  const Message msg = new_reply(KNITS_CMD_LOOKUP);
  nlattr* nest = nla_nest_start(msg.get(), KNITS_A_MEMBER);
  put_endpoint_attrs(msg.get(), "10.1.1.3", 80);
  // A newer module may say more about the member.
  ASSERT_EQ(nla_put_u32(msg.get(), KNITS_MEMBER_A_WEIGHT, 1), 0);
  ASSERT_EQ(nla_put_u32(msg.get(), KNITS_MEMBER_A_MAX + 1, 1), 0);
  nla_nest_end(msg.get(), nest);
  EXPECT_EQ(parse_lookup(nlmsg_hdr(msg.get())), parse_endpoint("10.1.1.3:80"));
}

TEST(LookupParse, RejectsAReplyWithoutMember) {
  const Message msg = new_reply(KNITS_CMD_LOOKUP);
  EXPECT_EQ(failure(msg), "malformed lookup reply from the knits module: member missing");
}

TEST(LookupParse, RejectsAMemberWithoutPort) {
  const Message msg = new_reply(KNITS_CMD_LOOKUP);
  nlattr* nest = nla_nest_start(msg.get(), KNITS_A_MEMBER);
  const auto address = knits::test::address_bytes("fd00::3");
  ASSERT_EQ(nla_put_u16(msg.get(), KNITS_MEMBER_A_FAMILY, address.family), 0);
  ASSERT_EQ(nla_put(msg.get(), KNITS_MEMBER_A_ADDR, address.size, address.bytes.data()), 0);
  nla_nest_end(msg.get(), nest);
  EXPECT_EQ(failure(msg), "malformed lookup reply from the knits module: member port missing");
}

TEST(LookupParse, RejectsAnotherCommand) {
  const Message msg = new_reply(KNITS_CMD_GET_MEMBER);
  EXPECT_EQ(failure(msg), "malformed lookup reply from the knits module: unexpected command " +
                              std::to_string(KNITS_CMD_GET_MEMBER));
}

}  // namespace
