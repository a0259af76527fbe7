// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Decoding of KNITS_CMD_SPLICE and KNITS_CMD_PREPARE replies.

#include "genl/splice_parse.h"

#include <netlink/attr.h>
#include <netlink/msg.h>

#include <cerrno>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "genl/splice.h"
#include "genl_message.h"
#include "knits.h"

namespace {

using knits::genl::parse_splice;
using knits::genl::SpliceReply;
using knits::test::Message;
using knits::test::new_reply;

// A splice (or prepare) reply as the module builds it: @status, and @p
// unless nullopt.
Message splice_reply(std::uint32_t status, std::optional<std::uint64_t> p,
                     std::uint8_t cmd = KNITS_CMD_SPLICE) {
  Message msg = new_reply(cmd);
  nlattr* nest = nla_nest_start(msg.get(), KNITS_A_SPLICE);
  EXPECT_EQ(nla_put_u32(msg.get(), KNITS_SPLICE_A_STATUS, status), 0);
  if (p) {
    EXPECT_EQ(nla_put_u64(msg.get(), KNITS_SPLICE_A_P, *p), 0);
  }
  nla_nest_end(msg.get(), nest);
  return msg;
}

template <typename Parser = decltype(&parse_splice)>
std::string failure(const Message& msg, Parser parse = parse_splice) {
  const auto failure = knits::test::parse_failure(parse, msg.get());
  EXPECT_EQ(failure.errnum, EBADMSG);
  return failure.message;
}

TEST(SpliceParse, OkCarriesTheSwitchPoint) {
  constexpr std::uint64_t kP = std::numeric_limits<std::uint64_t>::max();
  const Message msg = splice_reply(KNITS_SPLICE_OK, kP);
  EXPECT_EQ(parse_splice(nlmsg_hdr(msg.get())), (SpliceReply{.status = KNITS_SPLICE_OK, .p = kP}));
}

TEST(SpliceParse, OkAtSwitchPointZero) {
  const Message msg = splice_reply(KNITS_SPLICE_OK, 0);
  EXPECT_EQ(parse_splice(nlmsg_hdr(msg.get())), (SpliceReply{.status = KNITS_SPLICE_OK, .p = 0}));
}

TEST(SpliceParse, RefusalHasNoSwitchPoint) {
  for (std::uint32_t status = KNITS_SPLICE_NO_C1; status <= KNITS_SPLICE_STATUS_MAX; ++status) {
    const Message msg = splice_reply(status, std::nullopt);
    EXPECT_EQ(parse_splice(nlmsg_hdr(msg.get())), SpliceReply{.status = status}) << status;
  }
}

TEST(SpliceParse, RefusalIgnoresASwitchPoint) {
  const Message msg = splice_reply(KNITS_SPLICE_BAD_T, 10);
  EXPECT_EQ(parse_splice(nlmsg_hdr(msg.get())), SpliceReply{.status = KNITS_SPLICE_BAD_T});
}

TEST(SpliceParse, KeepsAStatusFromANewerModule) {
  const Message msg = splice_reply(KNITS_SPLICE_STATUS_MAX + 1, std::nullopt);
  EXPECT_EQ(parse_splice(nlmsg_hdr(msg.get())), SpliceReply{.status = KNITS_SPLICE_STATUS_MAX + 1});
}

TEST(SpliceParse, SkipsPaddingAndNewerAttributes) {
  Message msg = new_reply(KNITS_CMD_SPLICE);
  nlattr* nest = nla_nest_start(msg.get(), KNITS_A_SPLICE);
  ASSERT_EQ(nla_put_u32(msg.get(), KNITS_SPLICE_A_STATUS, KNITS_SPLICE_OK), 0);
  // nla_put_u64_64bit() pads with an empty attribute of type UNSPEC where
  // unaligned access is slow.
  ASSERT_EQ(nla_put(msg.get(), KNITS_SPLICE_A_UNSPEC, 0, nullptr), 0);
  ASSERT_EQ(nla_put_u64(msg.get(), KNITS_SPLICE_A_P, 1234), 0);
  ASSERT_EQ(nla_put_u32(msg.get(), KNITS_SPLICE_A_MAX + 1, 1), 0);
  nla_nest_end(msg.get(), nest);
  EXPECT_EQ(parse_splice(nlmsg_hdr(msg.get())),
            (SpliceReply{.status = KNITS_SPLICE_OK, .p = 1234}));
}

TEST(SpliceParse, RejectsAMissingStatus) {
  Message msg = new_reply(KNITS_CMD_SPLICE);
  nlattr* nest = nla_nest_start(msg.get(), KNITS_A_SPLICE);
  ASSERT_EQ(nla_put_u64(msg.get(), KNITS_SPLICE_A_P, 1), 0);
  nla_nest_end(msg.get(), nest);
  EXPECT_EQ(failure(msg), "malformed splice reply from the knits module: status missing");
}

TEST(SpliceParse, RejectsOkWithoutSwitchPoint) {
  const Message msg = splice_reply(KNITS_SPLICE_OK, std::nullopt);
  EXPECT_EQ(failure(msg), "malformed splice reply from the knits module: switch point P missing");
}

TEST(SpliceParse, RejectsAttributesOfTheWrongSize) {
  Message narrow_status = new_reply(KNITS_CMD_SPLICE);
  nlattr* nest = nla_nest_start(narrow_status.get(), KNITS_A_SPLICE);
  ASSERT_EQ(nla_put_u8(narrow_status.get(), KNITS_SPLICE_A_STATUS, KNITS_SPLICE_NO_C1), 0);
  nla_nest_end(narrow_status.get(), nest);
  EXPECT_EQ(failure(narrow_status),
            "malformed splice reply from the knits module: status is not a u32");

  Message narrow_p = new_reply(KNITS_CMD_SPLICE);
  nest = nla_nest_start(narrow_p.get(), KNITS_A_SPLICE);
  ASSERT_EQ(nla_put_u32(narrow_p.get(), KNITS_SPLICE_A_STATUS, KNITS_SPLICE_OK), 0);
  ASSERT_EQ(nla_put_u32(narrow_p.get(), KNITS_SPLICE_A_P, 1), 0);
  nla_nest_end(narrow_p.get(), nest);
  EXPECT_EQ(failure(narrow_p),
            "malformed splice reply from the knits module: switch point P is not a u64");
}

TEST(SpliceParse, RejectsAReplyWithoutSpliceNest) {
  const Message msg = new_reply(KNITS_CMD_SPLICE);
  EXPECT_EQ(failure(msg), "malformed splice reply from the knits module: splice missing");
}

TEST(SpliceParse, RejectsAnotherCommand) {
  const Message msg = new_reply(KNITS_CMD_LOOKUP);
  EXPECT_EQ(failure(msg), "malformed splice reply from the knits module: unexpected command " +
                              std::to_string(KNITS_CMD_LOOKUP));
}

using knits::genl::parse_prepare;

Message prepare_reply(std::uint32_t status) {
  return splice_reply(status, std::nullopt, KNITS_CMD_PREPARE);
}

std::string prepare_failure(const Message& msg) { return failure(msg, parse_prepare); }

TEST(PrepareParse, ReadsEveryStatusAndOneFromANewerModule) {
  for (std::uint32_t status = KNITS_SPLICE_OK; status <= KNITS_SPLICE_STATUS_MAX + 1; ++status) {
    const Message msg = prepare_reply(status);
    EXPECT_EQ(parse_prepare(nlmsg_hdr(msg.get())), status);
  }
}

TEST(PrepareParse, RejectsAMissingStatus) {
  Message msg = new_reply(KNITS_CMD_PREPARE);
  nlattr* nest = nla_nest_start(msg.get(), KNITS_A_SPLICE);
  ASSERT_EQ(nla_put_u64(msg.get(), KNITS_SPLICE_A_P, 1), 0);
  nla_nest_end(msg.get(), nest);
  EXPECT_EQ(prepare_failure(msg), "malformed prepare reply from the knits module: status missing");
}

TEST(PrepareParse, RejectsASpliceReply) {
  const Message msg = splice_reply(KNITS_SPLICE_OK, 1);
  EXPECT_EQ(prepare_failure(msg),
            "malformed prepare reply from the knits module: unexpected command " +
                std::to_string(KNITS_CMD_SPLICE));
}

}  // namespace
