// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsd's configuration file (daemon/knitsd/config.h): a full file reads
// into the values it says, and every error names the file, line and column
// of what is wrong, so that an operator can go straight to it. Also the
// metrics knitsd renders from its counters.

#include <sys/socket.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <gtest/gtest.h>

#include "genl/endpoint.h"
#include "handoff/key.h"
#include "handoff/status.h"
#include "knits.h"
#include "knits_handoff.h"
#include "knitsd/config.h"
#include "knitsd/counters.h"
#include "knitsd/metrics.h"

namespace {

using knits::genl::parse_endpoint;
using knits::knitsd::Config;
using knits::knitsd::ConfigError;
using knits::knitsd::Drop;
using knits::knitsd::parse_config;

constexpr std::string_view kKey1 =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr std::string_view kKey2 =
    "F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF0102030405060708090A0B0C0D0E0F10";
constexpr std::string_view kKey3 =
    "5555555555555555555555555555555555555555555555555555555555555555";

knits::genl::Endpoint address(std::string_view text) {
  return knits::genl::parse_address_and_optional_port(text).endpoint;
}

// A key file as `openssl rand -hex 32 >FILE` leaves it, removed at the
// end of the test.
class KeyFile {
 public:
  explicit KeyFile(std::string_view contents)
      : path_(::testing::TempDir() + "knitsd_config_test_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".key") {
    std::ofstream(path_) << contents;
  }
  KeyFile(const KeyFile&) = delete;
  KeyFile& operator=(const KeyFile&) = delete;
  KeyFile(KeyFile&&) = delete;
  KeyFile& operator=(KeyFile&&) = delete;
  ~KeyFile() { (void)std::remove(path_.c_str()); }

  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

using Rejection = std::pair<std::string, std::string>;

// Where parse_config() says the error is ("knitsd.toml:LINE:COLUMN") and
// what it says; both empty when it accepts @text.
Rejection rejection(std::string_view text) {
  try {
    (void)parse_config(text, "knitsd.toml");
  } catch (const ConfigError& e) {
    const std::string message = e.what();
    // "knitsd.toml:LINE:COLUMN: WHAT"
    const std::size_t line = message.find(':');
    const std::size_t column = line == std::string::npos ? line : message.find(':', line + 1);
    const std::size_t end = column == std::string::npos ? column : message.find(": ", column + 1);
    if (end == std::string::npos) {
      ADD_FAILURE() << "no NAME:LINE:COLUMN: in \"" << message << "\"";
      return {message, ""};
    }
    return {message.substr(0, end), message.substr(end + 2)};
  }
  return {"", ""};
}

std::string where(std::string_view text) { return rejection(text).first; }

// @text with each placeholder replaced.
std::string with(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [placeholder, value] : values) {
    const std::size_t at = text.find(placeholder);
    if (at == std::string::npos) {
      ADD_FAILURE() << "no " << placeholder;
      continue;
    }
    text.replace(at, placeholder.size(), value);
  }
  return text;
}

constexpr std::string_view kHandoff = "[handoff]\nlisten = \"10.0.0.1:7413\"\n";

TEST(KnitsdConfig, ReadsAFullFile) {
  const KeyFile key_file(std::string(kKey2) + "\n");
  const std::string text = with(R"(# knitsd.toml
[handoff]
listen = "10.0.0.1:7413"
rate = 500
burst = 50
answer_cache = 128

[metrics]
listen = "[::1]:9100"

[[node]]
id = 1
address = "10.1.1.2"
keys = [
  { id = 1, key = "@KEY1@" },
  { id = 2, key_file = "@KEY_FILE@" },
]

[[node]]
id = 4294967295
address = "fd01::2"
keys = [{ id = 7, key = "@KEY3@" }]
)",
                                {{"@KEY1@", std::string(kKey1)},
                                 {"@KEY_FILE@", key_file.path()},
                                 {"@KEY3@", std::string(kKey3)}});
  const Config config = parse_config(text, "knitsd.toml");
  EXPECT_EQ(config.handoff_listen, parse_endpoint("10.0.0.1:7413"));
  EXPECT_EQ(config.limits.rate, 500);
  EXPECT_EQ(config.limits.burst, 50);
  EXPECT_EQ(config.limits.answer_cache, 128U);
  EXPECT_EQ(config.metrics_listen, parse_endpoint("[::1]:9100"));
  ASSERT_EQ(config.nodes.size(), 2U);
  EXPECT_EQ(config.nodes[0].id, 1U);
  EXPECT_EQ(config.nodes[0].address, address("10.1.1.2"));
  EXPECT_EQ(config.nodes[0].address.port, 0);
  EXPECT_EQ(config.nodes[0].keys,
            (std::map<std::uint32_t, knits::handoff::Key>{{1, knits::handoff::parse_key(kKey1)},
                                                          {2, knits::handoff::parse_key(kKey2)}}));
  EXPECT_EQ(config.nodes[1].id, 4294967295U);
  EXPECT_EQ(config.nodes[1].address, address("fd01::2"));
  EXPECT_EQ(config.nodes[1].address.family, AF_INET6);
  EXPECT_EQ(config.nodes[1].keys,
            (std::map<std::uint32_t, knits::handoff::Key>{{7, knits::handoff::parse_key(kKey3)}}));
}

TEST(KnitsdConfig, OnlyTheListenAddressIsRequired) {
  const Config config = parse_config(kHandoff, "knitsd.toml");
  EXPECT_EQ(config.handoff_listen, parse_endpoint("10.0.0.1:7413"));
  const knits::knitsd::HandoffLimits defaults;
  EXPECT_EQ(config.limits.rate, defaults.rate);
  EXPECT_EQ(config.limits.burst, defaults.burst);
  EXPECT_EQ(config.limits.answer_cache, defaults.answer_cache);
  EXPECT_EQ(config.metrics_listen, std::nullopt);
  EXPECT_TRUE(config.nodes.empty());
}

TEST(KnitsdConfig, TheControlSocketIsConfigurableOrOff) {
  EXPECT_EQ(parse_config(std::string(kHandoff), "knitsd.toml").control_socket,
            "/run/knits/knitsd.sock");
  EXPECT_EQ(
      parse_config(std::string(kHandoff) + "[control]\nsocket = \"/tmp/k.sock\"\n", "knitsd.toml")
          .control_socket,
      "/tmp/k.sock");
  EXPECT_EQ(parse_config(std::string(kHandoff) + "[control]\nsocket = \"\"\n", "knitsd.toml")
                .control_socket,
            "");
  EXPECT_EQ(rejection(std::string(kHandoff) + "[control]\npath = \"/tmp/k.sock\"\n"),
            (Rejection{"knitsd.toml:4:1", "unknown key \"path\" in [control]"}));
  EXPECT_EQ(rejection(std::string(kHandoff) + "[control]\nsocket = 1\n"),
            (Rejection{"knitsd.toml:4:10", "\"socket\" must be a string"}));
}

TEST(KnitsdConfig, ErrorsAreConfigErrorsNamingTheFile) {
  try {
    (void)parse_config("[handoff]\nlisten = 1\n", "/etc/knits/knitsd.toml");
    FAIL() << "accepted a number as listen";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "/etc/knits/knitsd.toml:2:10: \"listen\" must be a string");
  }
}

TEST(KnitsdConfig, ATomlSyntaxErrorSaysWhere) {
  const auto [at, what] = rejection("[handoff]\nlisten = \"10.0.0.1:7413\"\nrate = = 5\n");
  EXPECT_EQ(at, "knitsd.toml:3:8");
  EXPECT_NE(what, "");
  EXPECT_EQ(where("[handoff]\n[handoff]\nlisten = \"10.0.0.1:7413\"\n").substr(0, 14),
            "knitsd.toml:2:");  // a table twice
}

TEST(KnitsdConfig, AnUnknownKeyIsAnErrorAtTheKey) {
  EXPECT_EQ(rejection(std::string(kHandoff) + "rat = 5\n"),
            (Rejection{"knitsd.toml:3:1", "unknown key \"rat\" in [handoff]"}));
  EXPECT_EQ(rejection(std::string(kHandoff) + "[metrics]\n  port = 9100\n"),
            (Rejection{"knitsd.toml:4:3", "unknown key \"port\" in [metrics]"}));
  EXPECT_EQ(rejection(std::string(kHandoff) + "\n[nodes]\n"),
            (Rejection{"knitsd.toml:4:2", "unknown key \"nodes\" in the file"}));
  EXPECT_EQ(
      rejection(std::string(kHandoff) + "[[node]]\nid = 1\naddress = \"10.1.1.2\"\nkey = \"x\"\n"),
      (Rejection{"knitsd.toml:6:1", "unknown key \"key\" in a [[node]]"}));
  EXPECT_EQ(rejection(std::string(kHandoff) + "[[node]]\nid = 1\naddress = \"10.1.1.2\"\n" +
                      "keys = [{ id = 1, kye = \"x\" }]\n"),
            (Rejection{"knitsd.toml:6:19", "unknown key \"kye\" in a node's key"}));
}

TEST(KnitsdConfig, AMissingHandoffTableIsAnError) {
  EXPECT_EQ(rejection(""), (Rejection{"knitsd.toml:1:1", "missing table [handoff]"}));
  EXPECT_EQ(rejection("[metrics]\nlisten = \"127.0.0.1:9100\"\n").second,
            "missing table [handoff]");
  // and a [handoff] without its listen address, at the table
  EXPECT_EQ(rejection("\n[handoff]\nrate = 5\n"),
            (Rejection{"knitsd.toml:2:1", "missing \"listen\""}));
}

TEST(KnitsdConfig, ABadListenEndpointIsAnErrorAtTheValue) {
  EXPECT_EQ(where("[handoff]\nlisten = \"10.0.0.1\"\n"), "knitsd.toml:2:10");  // no port
  EXPECT_EQ(where("[handoff]\nlisten = \"10.0.0.1:0\"\n"), "knitsd.toml:2:10");
  EXPECT_EQ(where("[handoff]\nlisten =   \"fd00::1:7413\"\n"), "knitsd.toml:2:12");
  EXPECT_EQ(where(std::string(kHandoff) + "[metrics]\nlisten = \"localhost:9100\"\n"),
            "knitsd.toml:4:10");
  // the message is the endpoint parser's, which quotes the text
  EXPECT_EQ(rejection("[handoff]\nlisten = \"10.0.0.1:99999\"\n").second,
            "'10.0.0.1:99999': port 99999 is out of range 1..65535");
}

std::string node(std::string_view id, std::string_view address_text) {
  return "[[node]]\nid = " + std::string(id) + "\naddress = \"" + std::string(address_text) +
         "\"\nkeys = [{ id = 1, key = \"" + std::string(kKey1) + "\" }]\n";
}

TEST(KnitsdConfig, ANodeAddressWithAPortIsAnError) {
  // lines: 1-2 [handoff], 3 [[node]], 4 id, 5 address
  EXPECT_EQ(rejection(std::string(kHandoff) + node("1", "10.1.1.2:7413")),
            (Rejection{"knitsd.toml:5:11", "\"address\" is an address without a port"}));
  EXPECT_EQ(where(std::string(kHandoff) + node("1", "[fd01::2]:80")), "knitsd.toml:5:11");
  EXPECT_EQ(where(std::string(kHandoff) + node("1", "10.1.1")), "knitsd.toml:5:11");
}

TEST(KnitsdConfig, ANodeIdTwiceIsAnErrorAtTheSecondNode) {
  // the second [[node]] starts on line 7
  EXPECT_EQ(rejection(std::string(kHandoff) + node("1", "10.1.1.2") + node("1", "10.1.1.3")),
            (Rejection{"knitsd.toml:7:1", "node id 1 twice"}));
}

TEST(KnitsdConfig, ANodeAddressTwiceIsAnErrorAtTheSecondNode) {
  EXPECT_EQ(rejection(std::string(kHandoff) + node("1", "10.1.1.2") + node("2", "10.1.1.3") +
                      node("3", "10.1.1.2")),
            (Rejection{"knitsd.toml:11:1", "node address 10.1.1.2 twice"}));
  // the same address however it is written
  EXPECT_EQ(
      rejection(std::string(kHandoff) + node("1", "fd01::2") + node("2", "[fd01:0::2]")).second,
      "node address fd01::2 twice");
}

std::string node_with_keys(std::string_view keys) {
  return std::string(kHandoff) + "[[node]]\nid = 1\naddress = \"10.1.1.2\"\nkeys = [\n" +
         std::string(keys) + "]\n";
}

std::string inline_key(std::string_view id, std::string_view key) {
  return "  { id = " + std::string(id) + ", key = \"" + std::string(key) + "\" },\n";
}

TEST(KnitsdConfig, AKeyIdTwiceIsAnErrorAtTheSecondKey) {
  // lines: 3-5 the node, 6 "keys = [", the keys from line 7
  EXPECT_EQ(rejection(node_with_keys(inline_key("1", kKey1) + inline_key("2", kKey2) +
                                     inline_key("1", kKey3))),
            (Rejection{"knitsd.toml:9:3", "key id 1 twice"}));
}

TEST(KnitsdConfig, AKeyHasExactlyOneOfKeyAndKeyFile) {
  const std::string what = R"(a key has exactly one of "key" and "key_file")";
  EXPECT_EQ(rejection(node_with_keys(inline_key("1", kKey1) + "  { id = 2 },\n")),
            (Rejection{"knitsd.toml:8:3", what}));
  EXPECT_EQ(rejection(node_with_keys("  { id = 1, key = \"" + std::string(kKey1) +
                                     "\", key_file = \"/etc/knits/node1.key\" },\n")),
            (Rejection{"knitsd.toml:7:3", what}));
}

TEST(KnitsdConfig, ABadKeyIsAnErrorAtTheKeyAndNotQuotingIt) {
  const std::string short_key(kKey1.substr(0, 63));
  EXPECT_EQ(rejection(node_with_keys(inline_key("1", short_key))),
            (Rejection{"knitsd.toml:7:19", "a key is 64 hexadecimal digits, not 63 characters"}));
  std::string bad_digit(kKey1);
  bad_digit[10] = 'x';
  const auto [at, what] = rejection(node_with_keys(inline_key("1", bad_digit)));
  EXPECT_EQ(at, "knitsd.toml:7:19");
  EXPECT_EQ(what, "a key has only hexadecimal digits (0-9, a-f)");
}

TEST(KnitsdConfig, ABadKeyFileIsAnErrorAtItsName) {
  const KeyFile not_hex("not a key\n");
  EXPECT_EQ(rejection(node_with_keys("  { id = 1, key_file = \"" + not_hex.path() + "\" },\n")),
            (Rejection{"knitsd.toml:7:24", "a key is 64 hexadecimal digits, not 9 characters"}));
}

TEST(KnitsdConfig, AnUnreadableKeyFileIsAnErrorAtItsName) {
  const std::string missing = ::testing::TempDir() + "knitsd_config_test_no_such.key";
  EXPECT_EQ(rejection(node_with_keys("  { id = 1, key_file = \"" + missing + "\" },\n")),
            (Rejection{"knitsd.toml:7:24", "cannot read key file \"" + missing + "\""}));
}

TEST(KnitsdConfig, NumbersOutOfRangeAreErrorsAtTheValue) {
  EXPECT_EQ(rejection("[handoff]\nlisten = \"10.0.0.1:7413\"\nrate = 0\n"),
            (Rejection{"knitsd.toml:3:8", "\"rate\" must be in 1..1000000"}));
  EXPECT_EQ(rejection("[handoff]\nlisten = \"10.0.0.1:7413\"\nrate = 1000001\n").second,
            "\"rate\" must be in 1..1000000");
  EXPECT_EQ(rejection("[handoff]\nlisten = \"10.0.0.1:7413\"\nburst    = 0\n"),
            (Rejection{"knitsd.toml:3:12", "\"burst\" must be in 1..1000000"}));
  EXPECT_EQ(where("[handoff]\nlisten = \"10.0.0.1:7413\"\nanswer_cache = -1\n"),
            "knitsd.toml:3:16");
  EXPECT_EQ(rejection("[handoff]\nlisten = \"10.0.0.1:7413\"\nrate = \"fast\"\n"),
            (Rejection{"knitsd.toml:3:8", "\"rate\" must be an integer"}));
  EXPECT_EQ(rejection(std::string(kHandoff) + node("0", "10.1.1.2")),
            (Rejection{"knitsd.toml:4:6", "\"id\" must be in 1..4294967295"}));
  EXPECT_EQ(where(std::string(kHandoff) + node("4294967296", "10.1.1.2")), "knitsd.toml:4:6");
  // the limits themselves are in range
  EXPECT_EQ(where("[handoff]\nlisten = \"10.0.0.1:7413\"\nrate = 1000000\nburst = 1\n"
                  "answer_cache = 0\n"),
            "");
}

TEST(KnitsdConfig, ANodeWithoutKeysIsAnError) {
  EXPECT_EQ(rejection(std::string(kHandoff) + "[[node]]\nid = 1\naddress = \"10.1.1.2\"\n"),
            (Rejection{"knitsd.toml:3:1",
                       "a node has \"keys\": an array of tables {id, key or key_file}"}));
  EXPECT_EQ(where(std::string(kHandoff) + "[[node]]\nid = 1\naddress = \"10.1.1.2\"\nkeys = []\n"),
            "knitsd.toml:6:8");
}

// BUG (daemon/knitsd/config.cc, parse_config()): a "metrics" that is not
// a table is skipped without a word (`if (... root["metrics"].as_table())`),
// so `metrics = "127.0.0.1:9100"`, an easy slip for [metrics] listen =,
// is accepted and knitsd serves no metrics, against config.cc's own rule
// that a mistake is an error and not a default silently used. "node"
// that is not an array of tables is refused; "metrics" should be too.
// This test fails until it is.
TEST(KnitsdConfig, AMetricsThatIsNotATableIsAnError) {
  EXPECT_NE(where("metrics = \"127.0.0.1:9100\"\n" + std::string(kHandoff)), "");
}

// ---- metrics

// Every reason, in Drop's order, as the metrics name it.
constexpr auto kDropNames = std::to_array<std::string_view>(
    {"unknown_source", "rate_limited", "truncated", "oversized", "bad_magic", "bad_version",
     "bad_type", "bad_length", "unknown_node", "wrong_source", "unknown_key", "bad_mac", "stale",
     "replayed"});
static_assert(kDropNames.size() == static_cast<std::size_t>(Drop::kCount));

bool has_line(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

TEST(KnitsdMetrics, EveryDropReasonHasItsLineFromZero) {
  const knits::knitsd::Counters counters;
  const std::string text = knits::knitsd::render_metrics(counters);
  EXPECT_TRUE(has_line(text, "# TYPE knitsd_handoff_dropped_total counter")) << text;
  for (const std::string_view name : kDropNames) {
    EXPECT_TRUE(
        has_line(text, "knitsd_handoff_dropped_total{reason=\"" + std::string(name) + "\"} 0"))
        << name << "\n"
        << text;
  }
  EXPECT_TRUE(has_line(text, "knitsd_handoff_resent_total 0")) << text;
}

// Each count under its own reason: a different value for each, so that
// names and counts out of step show.
TEST(KnitsdMetrics, EachCountIsUnderItsOwnReason) {
  knits::knitsd::Counters counters;
  for (std::size_t i = 0; i < counters.drops.size(); i++) {
    counters.drops.at(i) = 100 + i;
  }
  counters.resent = 7;
  const std::string text = knits::knitsd::render_metrics(counters);
  for (std::size_t i = 0; i < kDropNames.size(); i++) {
    EXPECT_EQ(knits::knitsd::drop_name(static_cast<Drop>(i)), kDropNames.at(i));
    EXPECT_TRUE(has_line(text, "knitsd_handoff_dropped_total{reason=\"" +
                                   std::string(kDropNames.at(i)) + "\"} " +
                                   std::to_string(100 + i)))
        << kDropNames.at(i) << "\n"
        << text;
  }
  EXPECT_TRUE(has_line(text, "knitsd_handoff_resent_total 7")) << text;
}

TEST(KnitsdMetrics, AnswersAreCountedByTypeAndStatusName) {
  knits::knitsd::Counters counters;
  counters.splice_answers = {{KNITS_HANDOFF_OK, 3}, {KNITS_SPLICE_NO_C1, 2}};
  counters.prepare_answers = {{KNITS_HANDOFF_NOT_OWNER, 1}};
  const std::string text = knits::knitsd::render_metrics(counters);
  EXPECT_TRUE(has_line(text, R"(knitsd_handoff_answers_total{type="splice",status="ok"} 3)"))
      << text;
  EXPECT_TRUE(has_line(text, R"(knitsd_handoff_answers_total{type="splice",status="no_c1"} 2)"))
      << text;
  EXPECT_TRUE(
      has_line(text, R"(knitsd_handoff_answers_total{type="prepare",status="not_owner"} 1)"))
      << text;
}

TEST(KnitsdMetrics, TheKernelsTimeIsInSecondsByType) {
  knits::knitsd::Counters counters;
  counters.splice_kernel = {.calls = 4, .ns = 2'500'000};
  counters.prepare_kernel = {.calls = 1, .ns = 1'000};
  const std::string text = knits::knitsd::render_metrics(counters);
  EXPECT_TRUE(has_line(text, "# TYPE knitsd_kernel_calls_total counter")) << text;
  EXPECT_TRUE(has_line(text, R"(knitsd_kernel_calls_total{type="splice"} 4)")) << text;
  EXPECT_TRUE(has_line(text, R"(knitsd_kernel_calls_total{type="prepare"} 1)")) << text;
  EXPECT_TRUE(has_line(text, R"(knitsd_kernel_seconds_total{type="splice"} 0.002500)")) << text;
  EXPECT_TRUE(has_line(text, R"(knitsd_kernel_seconds_total{type="prepare"} 0.000001)")) << text;
  // each family's samples follow its own HELP and TYPE lines
  EXPECT_LT(text.find("# TYPE knitsd_kernel_seconds_total"),
            text.find("knitsd_kernel_seconds_total{type=\"splice\"}"));
  EXPECT_GT(text.find("# TYPE knitsd_kernel_seconds_total"),
            text.find("knitsd_kernel_calls_total{type=\"prepare\"}"));
}

TEST(HandoffStatus, NamesKnitsdsStatusesAndTheKernelsRefusals) {
  using knits::handoff::status_name;
  EXPECT_EQ(status_name(KNITS_HANDOFF_OK), "ok");
  EXPECT_EQ(status_name(KNITS_HANDOFF_NOT_OWNER), "not_owner");
  EXPECT_EQ(status_name(KNITS_HANDOFF_BAD_REQUEST), "bad_request");
  EXPECT_EQ(status_name(KNITS_HANDOFF_KERNEL_ERROR), "kernel_error");
  EXPECT_EQ(status_name(KNITS_SPLICE_NO_C1), "no_c1");
  // numbers nobody named yet, in the kernel's range and beyond knitsd's
  EXPECT_EQ(status_name(KNITS_HANDOFF_KERNEL_REFUSED_LAST), "status_255");
  EXPECT_EQ(status_name(__KNITS_HANDOFF_STATUS_MAX), "status_259");
}

}  // namespace
