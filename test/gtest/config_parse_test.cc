// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Decoding of KNITS_CMD_GET_CONFIG replies.

#include "genl/config_parse.h"

#include <netlink/attr.h>
#include <netlink/msg.h>

#include <cerrno>
#include <functional>
#include <string>

#include <gtest/gtest.h>

#include "genl_message.h"
#include "knits.h"

namespace {

using knits::genl::Config;
using knits::genl::parse_config;
using knits::genl::TimeoutMap;
using knits::test::Message;
using knits::test::new_reply;

using PutInside = std::function<void(nl_msg*)>;

Message config_reply(const PutInside& inside) {
  Message msg = new_reply(KNITS_CMD_GET_CONFIG);
  nlattr* nest = nla_nest_start(msg.get(), KNITS_A_CONFIG);
  inside(msg.get());
  nla_nest_end_keep_empty(msg.get(), nest);
  return msg;
}

void put_counts(nl_msg* msg) {
  ASSERT_EQ(nla_put_u32(msg, KNITS_CFG_A_MAX_CONNS, KNITS_MAX_CONNS_DEFAULT), 0);
  ASSERT_EQ(nla_put_u32(msg, KNITS_CFG_A_CONNS, 12), 0);
}

std::string failure(const Message& msg) {
  const auto failure = knits::test::parse_failure(parse_config, msg.get());
  EXPECT_EQ(failure.errnum, EBADMSG);
  return failure.message;
}

TEST(ConfigParse, DecodesAFullReply) {
  const Message msg = config_reply([](nl_msg* m) {
    put_counts(m);
    for (int type = KNITS_CFG_A_TIMEOUT_SYN_SENT; type <= KNITS_CFG_A_TIMEOUT_CLOSE; ++type) {
      ASSERT_EQ(nla_put_u32(m, type, static_cast<std::uint32_t>(100 + type)), 0);
    }
  });
  const Config config = parse_config(nlmsg_hdr(msg.get()));
  EXPECT_EQ(config.max_conns, static_cast<std::uint32_t>(KNITS_MAX_CONNS_DEFAULT));
  EXPECT_EQ(config.conns, 12U);
  const TimeoutMap expected{
      {KNITS_TCP_SYN_SENT, 100 + KNITS_CFG_A_TIMEOUT_SYN_SENT},
      {KNITS_TCP_SYN_RECV, 100 + KNITS_CFG_A_TIMEOUT_SYN_RECV},
      {KNITS_TCP_ESTABLISHED, 100 + KNITS_CFG_A_TIMEOUT_ESTABLISHED},
      {KNITS_TCP_FIN_WAIT, 100 + KNITS_CFG_A_TIMEOUT_FIN_WAIT},
      {KNITS_TCP_CLOSE_WAIT, 100 + KNITS_CFG_A_TIMEOUT_CLOSE_WAIT},
      {KNITS_TCP_LAST_ACK, 100 + KNITS_CFG_A_TIMEOUT_LAST_ACK},
      {KNITS_TCP_TIME_WAIT, 100 + KNITS_CFG_A_TIMEOUT_TIME_WAIT},
      {KNITS_TCP_CLOSE, 100 + KNITS_CFG_A_TIMEOUT_CLOSE},
  };
  EXPECT_EQ(config.timeouts, expected);
}

TEST(ConfigParse, KeepsOnlyTheTimeoutsSent) {
  const Message msg = config_reply([](nl_msg* m) {
    put_counts(m);
    ASSERT_EQ(nla_put_u32(m, KNITS_CFG_A_TIMEOUT_ESTABLISHED, 900), 0);
    ASSERT_EQ(nla_put_u32(m, KNITS_CFG_A_MAX + 1, 7), 0);
  });
  EXPECT_EQ(parse_config(nlmsg_hdr(msg.get())).timeouts,
            (TimeoutMap{{KNITS_TCP_ESTABLISHED, 900}}));
}

TEST(ConfigParse, RejectsMissingCounts) {
  EXPECT_EQ(
      failure(config_reply([](nl_msg* m) { ASSERT_EQ(nla_put_u32(m, KNITS_CFG_A_CONNS, 1), 0); })),
      "malformed config reply from the knits module: max conns missing");
  EXPECT_EQ(failure(config_reply(
                [](nl_msg* m) { ASSERT_EQ(nla_put_u32(m, KNITS_CFG_A_MAX_CONNS, 1), 0); })),
            "malformed config reply from the knits module: conns missing");
  EXPECT_EQ(failure(new_reply(KNITS_CMD_GET_CONFIG)),
            "malformed config reply from the knits module: config missing");
}

TEST(ConfigParse, RejectsATimeoutOfTheWrongSize) {
  const Message msg = config_reply([](nl_msg* m) {
    put_counts(m);
    ASSERT_EQ(nla_put_u16(m, KNITS_CFG_A_TIMEOUT_CLOSE, 10), 0);
  });
  EXPECT_EQ(failure(msg), "malformed config reply from the knits module: timeout attribute " +
                              std::to_string(KNITS_CFG_A_TIMEOUT_CLOSE) + " is not a u32");
}

}  // namespace
