// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl config output.

#include "knitsctl/config_render.h"

#include <gtest/gtest.h>

#include "knits.h"

namespace {

using knits::ctl::config_json;
using knits::ctl::config_text;
using knits::genl::Config;

Config sample_config() {
  Config config;
  config.max_conns = KNITS_MAX_CONNS_DEFAULT;
  config.conns = 12;
  config.timeouts = {{KNITS_TCP_SYN_SENT, 120},    {KNITS_TCP_SYN_RECV, 60},
                     {KNITS_TCP_ESTABLISHED, 900}, {KNITS_TCP_FIN_WAIT, 120},
                     {KNITS_TCP_CLOSE_WAIT, 60},   {KNITS_TCP_LAST_ACK, 30},
                     {KNITS_TCP_TIME_WAIT, 120},   {KNITS_TCP_CLOSE, 10}};
  return config;
}

TEST(ConfigText, ShowsTimeoutsAsIpvsadmDoes) {
  EXPECT_EQ(config_text(sample_config()),
            "Conns: 12\n"
            "Max conns: 1048576\n"
            "Timeout (SYN_SENT SYN_RECV ESTABLISHED FIN_WAIT CLOSE_WAIT LAST_ACK TIME_WAIT "
            "CLOSE): 120 60 900 120 60 30 120 10\n");
}

TEST(ConfigText, ShowsOnlyTheTimeoutsTheModuleSent) {
  Config config = sample_config();
  config.timeouts = {{KNITS_TCP_ESTABLISHED, 900}};
  EXPECT_EQ(config_text(config), "Conns: 12\nMax conns: 1048576\nTimeout (ESTABLISHED): 900\n");
  config.timeouts.clear();
  EXPECT_EQ(config_text(config), "Conns: 12\nMax conns: 1048576\n");
}

TEST(ConfigJson, HasTheDocumentedShape) {
  const auto expected = nlohmann::ordered_json::parse(R"({
    "conns": 12, "max_conns": 1048576,
    "timeouts": {"SYN_SENT": 120, "SYN_RECV": 60, "ESTABLISHED": 900, "FIN_WAIT": 120,
                 "CLOSE_WAIT": 60, "LAST_ACK": 30, "TIME_WAIT": 120, "CLOSE": 10}
  })");
  EXPECT_EQ(config_json(sample_config()), expected);
}

}  // namespace
