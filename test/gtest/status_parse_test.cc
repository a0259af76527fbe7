// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Decoding of KNITS_CMD_GET_STATUS replies built here the way the module
// builds them, so that no kernel is needed.

#include "genl/status_parse.h"

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <cerrno>
#include <cstdint>

#include <gtest/gtest.h>

#include "genl_message.h"
#include "knits.h"

namespace {

using knits::genl::parse_status;
using knits::genl::Status;
using knits::test::kFamily;
using knits::test::Message;

Message new_reply(std::uint8_t cmd = KNITS_CMD_GET_STATUS) { return knits::test::new_reply(cmd); }

void put_header_attrs(nl_msg* msg) {
  ASSERT_EQ(nla_put_string(msg, KNITS_A_VERSION, "0.1.0"), 0);
  ASSERT_EQ(nla_put_u32(msg, KNITS_A_ABI_VERSION, KNITS_ABI_VERSION), 0);
  ASSERT_EQ(nla_put_u32(msg, KNITS_A_HOOKS, KNITS_HOOK_IPV4_PRE_ROUTING), 0);
}

Message valid_reply() {
  Message msg = new_reply();
  put_header_attrs(msg.get());
  nlattr* nest = nla_nest_start(msg.get(), KNITS_A_COUNTERS);
  EXPECT_EQ(nla_put_u64(msg.get(), KNITS_CTR_HOOK_PACKETS_IPV4, 10), 0);
  EXPECT_EQ(nla_put_u64(msg.get(), KNITS_CTR_HOOK_BYTES, std::uint64_t{1} << 40), 0);
  nla_nest_end(msg.get(), nest);
  return msg;
}

int errnum_of_parse(nl_msg* msg) { return knits::test::parse_failure(parse_status, msg).errnum; }

TEST(StatusParse, DecodesAValidReply) {
  const Message msg = valid_reply();
  const Status status = parse_status(nlmsg_hdr(msg.get()));
  EXPECT_EQ(status.version, "0.1.0");
  EXPECT_EQ(status.abi_version, KNITS_ABI_VERSION);
  EXPECT_EQ(status.hooks, KNITS_HOOK_IPV4_PRE_ROUTING);
  const std::map<std::uint16_t, std::uint64_t> expected{
      {KNITS_CTR_HOOK_PACKETS_IPV4, 10}, {KNITS_CTR_HOOK_BYTES, std::uint64_t{1} << 40}};
  EXPECT_EQ(status.counters, expected);
}

TEST(StatusParse, KeepsCountersUnknownToThisBuild) {
  const Message msg = new_reply();
  put_header_attrs(msg.get());
  nlattr* nest = nla_nest_start(msg.get(), KNITS_A_COUNTERS);
  ASSERT_EQ(nla_put_u64(msg.get(), KNITS_CTR_MAX + 7, 42), 0);
  nla_nest_end(msg.get(), nest);
  const Status status = parse_status(nlmsg_hdr(msg.get()));
  EXPECT_EQ(status.counters.at(KNITS_CTR_MAX + 7), 42U);
}

TEST(StatusParse, IgnoresAttributesOfNewerModules) {
  const Message msg = valid_reply();
  ASSERT_EQ(nla_put_u32(msg.get(), KNITS_A_MAX + 1, 7), 0);
  EXPECT_EQ(parse_status(nlmsg_hdr(msg.get())).version, "0.1.0");
}

TEST(StatusParse, SkipsCounterPadding) {
  const Message msg = new_reply();
  put_header_attrs(msg.get());
  nlattr* nest = nla_nest_start(msg.get(), KNITS_A_COUNTERS);
  ASSERT_EQ(nla_put(msg.get(), KNITS_CTR_UNSPEC, 0, nullptr), 0);
  ASSERT_EQ(nla_put_u64(msg.get(), KNITS_CTR_PASS_UNOWNED, 3), 0);
  nla_nest_end(msg.get(), nest);
  const Status status = parse_status(nlmsg_hdr(msg.get()));
  EXPECT_EQ(status.counters.size(), 1U);
  EXPECT_EQ(status.counters.at(KNITS_CTR_PASS_UNOWNED), 3U);
}

TEST(StatusParse, AcceptsAnEmptyCounterNest) {
  const Message msg = new_reply();
  put_header_attrs(msg.get());
  nla_nest_end_keep_empty(msg.get(), nla_nest_start(msg.get(), KNITS_A_COUNTERS));
  EXPECT_TRUE(parse_status(nlmsg_hdr(msg.get())).counters.empty());
}

TEST(StatusParse, RejectsAMissingAttribute) {
  const Message msg = new_reply();
  put_header_attrs(msg.get());  // no KNITS_A_COUNTERS
  const auto failure = knits::test::parse_failure(parse_status, msg.get());
  EXPECT_EQ(failure.errnum, EBADMSG);
  EXPECT_EQ(failure.message, "malformed status reply from the knits module: counters missing");
}

TEST(StatusParse, RejectsAU32OfTheWrongSize) {
  const Message msg = new_reply();
  ASSERT_EQ(nla_put_string(msg.get(), KNITS_A_VERSION, "0.1.0"), 0);
  ASSERT_EQ(nla_put_u64(msg.get(), KNITS_A_ABI_VERSION, 1), 0);
  ASSERT_EQ(nla_put_u32(msg.get(), KNITS_A_HOOKS, 0), 0);
  nla_nest_end_keep_empty(msg.get(), nla_nest_start(msg.get(), KNITS_A_COUNTERS));
  EXPECT_EQ(errnum_of_parse(msg.get()), EBADMSG);
}

TEST(StatusParse, RejectsAVersionWithoutNul) {
  const Message msg = new_reply();
  ASSERT_EQ(nla_put(msg.get(), KNITS_A_VERSION, 5, "0.1.0"), 0);
  ASSERT_EQ(nla_put_u32(msg.get(), KNITS_A_ABI_VERSION, 1), 0);
  ASSERT_EQ(nla_put_u32(msg.get(), KNITS_A_HOOKS, 0), 0);
  nla_nest_end_keep_empty(msg.get(), nla_nest_start(msg.get(), KNITS_A_COUNTERS));
  EXPECT_EQ(errnum_of_parse(msg.get()), EBADMSG);
}

TEST(StatusParse, RejectsACounterThatIsNotAU64) {
  const Message msg = new_reply();
  put_header_attrs(msg.get());
  nlattr* nest = nla_nest_start(msg.get(), KNITS_A_COUNTERS);
  ASSERT_EQ(nla_put_u32(msg.get(), KNITS_CTR_HOOK_BYTES, 1), 0);
  nla_nest_end(msg.get(), nest);
  EXPECT_EQ(errnum_of_parse(msg.get()), EBADMSG);
}

TEST(StatusParse, RejectsADuplicateCounter) {
  const Message msg = new_reply();
  put_header_attrs(msg.get());
  nlattr* nest = nla_nest_start(msg.get(), KNITS_A_COUNTERS);
  ASSERT_EQ(nla_put_u64(msg.get(), KNITS_CTR_HOOK_BYTES, 1), 0);
  ASSERT_EQ(nla_put_u64(msg.get(), KNITS_CTR_HOOK_BYTES, 2), 0);
  nla_nest_end(msg.get(), nest);
  EXPECT_EQ(errnum_of_parse(msg.get()), EBADMSG);
}

TEST(StatusParse, RejectsAnotherCommand) {
  const Message msg = new_reply(KNITS_CMD_RESET_COUNTERS);
  put_header_attrs(msg.get());
  nla_nest_end_keep_empty(msg.get(), nla_nest_start(msg.get(), KNITS_A_COUNTERS));
  EXPECT_EQ(errnum_of_parse(msg.get()), EBADMSG);
}

TEST(StatusParse, RejectsATruncatedHeader) {
  const Message msg(nlmsg_alloc());
  ASSERT_NE(nlmsg_put(msg.get(), NL_AUTO_PORT, NL_AUTO_SEQ, kFamily, 0, 0), nullptr);
  EXPECT_EQ(errnum_of_parse(msg.get()), EBADMSG);
}

}  // namespace
