// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The options of knitsctl splice, parsed by CLI11 as knitsctl parses them.

#include "knitsctl/splice_args.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <gtest/gtest.h>

#include "genl/splice.h"

namespace {

using knits::genl::parse_splice_connection;
using knits::genl::SpliceRequest;

struct Parsed {
  SpliceRequest request;
  // CLI11's message, "" when the arguments parsed.
  std::string error;
};

Parsed parse(std::vector<std::string> args) {
  CLI::App app;
  Parsed out;
  knits::ctl::add_splice_options(app, out.request);
  // CLI11 takes a vector of arguments last first.
  std::reverse(args.begin(), args.end());
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    out.error = e.what();
  }
  return out;
}

constexpr const char* kC1 = "10.1.1.2:80,10.0.0.5:40000";
constexpr const char* kC2 = "10.1.1.2:41000,10.1.2.2:80";

// A whole command line with --t and --s as given.
Parsed parse_counts(const std::string& t, const std::string& s) {
  return parse({"--c1", kC1, "--c2", kC2, "--t", t, "--s", s});
}

TEST(SpliceArgs, FillTheRequest) {
  const Parsed parsed = parse({"--s", "300", "--c2", kC2, "--t", "12", "--c1", kC1});
  ASSERT_EQ(parsed.error, "");
  SpliceRequest expected;
  expected.c1 = parse_splice_connection(kC1);
  expected.c2 = parse_splice_connection(kC2);
  expected.t = 12;
  expected.s = 300;
  EXPECT_EQ(parsed.request, expected);
}

TEST(SpliceArgs, TakeIpv6Connections) {
  const Parsed parsed = parse({"--c1", "[fd01::2]:80,[fd00::5]:40000", "--c2",
                               "[fd01::2]:41000,[fd01::3]:80", "--t", "0", "--s", "0"});
  ASSERT_EQ(parsed.error, "");
  EXPECT_EQ(parsed.request.c1, parse_splice_connection("[fd01::2]:80,[fd00::5]:40000"));
  EXPECT_EQ(parsed.request.c2, parse_splice_connection("[fd01::2]:41000,[fd01::3]:80"));
}

TEST(SpliceArgs, RequireEveryOption) {
  EXPECT_EQ(parse({"--c2", kC2, "--t", "1", "--s", "1"}).error, "--c1 is required");
  EXPECT_EQ(parse({"--c1", kC1, "--t", "1", "--s", "1"}).error, "--c2 is required");
  EXPECT_EQ(parse({"--c1", kC1, "--c2", kC2, "--s", "1"}).error, "--t is required");
  EXPECT_EQ(parse({"--c1", kC1, "--c2", kC2, "--t", "1"}).error, "--s is required");
}

TEST(SpliceArgs, TakeByteCountsUpToTheLimit) {
  const Parsed parsed = parse_counts("0", "18446744073709551615");
  ASSERT_EQ(parsed.error, "");
  EXPECT_EQ(parsed.request.t, 0U);
  EXPECT_EQ(parsed.request.s, std::numeric_limits<std::uint64_t>::max());
  // Decimal, whatever the leading zeros: not octal as strtoull would read it.
  EXPECT_EQ(parse_counts("010", "1").request.t, 10U);
}

TEST(SpliceArgs, RejectByteCountsBeyondTheLimit) {
  EXPECT_EQ(parse_counts("1", "18446744073709551616").error,
            "--s: '18446744073709551616' is beyond 2^64-1");
  EXPECT_EQ(parse_counts("99999999999999999999999", "1").error,
            "--t: '99999999999999999999999' is beyond 2^64-1");
}

TEST(SpliceArgs, RejectByteCountsThatAreNotDecimal) {
  for (const char* text : {"-1", "+1", "0x10", "1k", " 1", "1.5", ""}) {
    EXPECT_EQ(parse_counts(text, "1").error,
              "--t: '" + std::string(text) + "' is not a decimal number");
  }
}

TEST(SpliceArgs, RejectBadConnections) {
  EXPECT_EQ(parse({"--c1", "10.1.1.2:80,[fd00::5]:1", "--c2", kC2, "--t", "1", "--s", "1"}).error,
            "--c1: '10.1.1.2:80,[fd00::5]:1': LOCAL is IPv4 but PEER is IPv6");
  EXPECT_EQ(parse({"--c1", kC1, "--c2", "10.1.2.2:80", "--t", "1", "--s", "1"}).error,
            "--c2: '10.1.2.2:80': expected LOCAL,PEER (two ADDRESS:PORT separated by a comma)");
  EXPECT_EQ(
      parse({"--c1", kC1, "--c2", "10.1.1.2:41000,10.1.2.2:http", "--t", "1", "--s", "1"}).error,
      "--c2: PEER '10.1.2.2:http': port 'http' is not a number");
}

}  // namespace
