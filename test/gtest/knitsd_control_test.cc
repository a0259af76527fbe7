// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsd's control requests: each command reaches its action with its
// argument and comes back as {"ok": ...}; whatever else arrives is a
// refusal with a reason, never an exception, and runs no action.

#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "knitsd/control.h"

namespace {

using knits::knitsd::ControlActions;
using knits::knitsd::handle_control_line;

struct Calls {
  int status = 0;
  int reload = 0;
  std::string validated;
};

ControlActions actions(Calls& calls, std::optional<std::string> reload_error = std::nullopt) {
  return ControlActions{[&calls] {
                          calls.status++;
                          return nlohmann::json{{"nodes", nlohmann::json::array()}};
                        },
                        [&calls, reload_error] {
                          calls.reload++;
                          return reload_error;
                        },
                        [&calls](const std::string& path) -> std::optional<std::string> {
                          calls.validated = path;
                          if (path == "bad.toml") {
                            return "bad.toml:3:7: \"weight\" must be in 0..65535";
                          }
                          return std::nullopt;
                        }};
}

nlohmann::json answer(const std::string& line, Calls& calls,
                      std::optional<std::string> reload_error = std::nullopt) {
  return nlohmann::json::parse(handle_control_line(line, actions(calls, reload_error)));
}

TEST(Control, StatusIsTheActionsViewMarkedOk) {
  Calls calls;
  const nlohmann::json got = answer(R"({"command":"status"})", calls);
  EXPECT_EQ(got, (nlohmann::json{{"ok", true}, {"nodes", nlohmann::json::array()}}));
  EXPECT_EQ(calls.status, 1);
}

TEST(Control, ReloadSaysWhetherItTookAndWhyNot) {
  Calls calls;
  EXPECT_EQ(answer(R"({"command":"reload"})", calls), (nlohmann::json{{"ok", true}}));
  EXPECT_EQ(answer(R"({"command":"reload"})", calls, "knitsd.toml:9:1: missing \"vip\""),
            (nlohmann::json{{"ok", false}, {"error", "knitsd.toml:9:1: missing \"vip\""}}));
  EXPECT_EQ(calls.reload, 2);
}

TEST(Control, ValidateGetsThePathAndReportsTheMistake) {
  Calls calls;
  EXPECT_EQ(answer(R"({"command":"validate","path":"/etc/knits/new.toml"})", calls),
            (nlohmann::json{{"ok", true}}));
  EXPECT_EQ(calls.validated, "/etc/knits/new.toml");
  EXPECT_EQ(answer(R"({"command":"validate","path":"bad.toml"})", calls)["error"],
            "bad.toml:3:7: \"weight\" must be in 0..65535");
}

TEST(Control, WhatIsNotARequestIsRefusedAndRunsNothing) {
  Calls calls;
  const auto error = [&calls](const std::string& line) {
    const nlohmann::json got = answer(line, calls);
    EXPECT_EQ(got["ok"], false) << line;
    return got["error"].get<std::string>();
  };
  EXPECT_EQ(error(R"({"command":"shutdown"})"),
            "unknown command \"shutdown\" (status, reload, validate)");
  EXPECT_EQ(error(R"({"command":"status","extra":1})"), "\"status\" takes no arguments");
  EXPECT_EQ(error(R"({"command":"reload","path":"x"})"), "\"reload\" takes no arguments");
  EXPECT_EQ(error(R"({"command":"validate"})"), R"("validate" takes {"path": FILE})");
  EXPECT_EQ(error(R"({"command":"validate","path":7})"), R"("validate" takes {"path": FILE})");
  EXPECT_EQ(error(R"({"command":7})"), R"(a request is a JSON object with a "command" string)");
  EXPECT_EQ(error(R"(["status"])"), R"(a request is a JSON object with a "command" string)");
  EXPECT_EQ(error("{}"), R"(a request is a JSON object with a "command" string)");
  EXPECT_EQ(error("status").rfind("not JSON: ", 0), 0U);
  EXPECT_EQ(error("").rfind("not JSON: ", 0), 0U);
  EXPECT_EQ(error(std::string(knits::knitsd::kControlLineMax + 1, ' ')),
            "a request is at most 4096 bytes");
  EXPECT_EQ(calls.status + calls.reload, 0);
  EXPECT_TRUE(calls.validated.empty());
}

TEST(Control, ALineAtTheLimitIsRead) {
  Calls calls;
  std::string line = R"({"command":"status"})";
  line.resize(knits::knitsd::kControlLineMax, ' ');
  EXPECT_EQ(answer(line, calls)["ok"], true);
}

TEST(Control, AnActionThatThrowsIsARefusal) {
  const ControlActions throwing{
      []() -> nlohmann::json { throw std::runtime_error("netlink: no knits module"); },
      [] { return std::optional<std::string>(); },
      [](const std::string&) { return std::optional<std::string>(); }};
  EXPECT_EQ(nlohmann::json::parse(handle_control_line(R"({"command":"status"})", throwing)),
            (nlohmann::json{{"ok", false}, {"error", "netlink: no knits module"}}));
}

}  // namespace
