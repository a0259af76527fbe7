// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl lookup output.

#include "knitsctl/lookup_render.h"

#include <gtest/gtest.h>

namespace {

using knits::ctl::lookup_json;
using knits::ctl::lookup_text;
using knits::ctl::LookupResult;
using knits::genl::parse_endpoint;

std::vector<LookupResult> sample_results() {
  return {{"10.0.0.5", parse_endpoint("10.1.1.2:80")},
          {"10.0.0.6:4000", std::nullopt},
          {"fd00::5", parse_endpoint("[fd01::2]:80")}};
}

TEST(LookupText, PrintsOneLinePerClient) {
  EXPECT_EQ(lookup_text(sample_results()),
            "10.0.0.5 10.1.1.2:80\n"
            "10.0.0.6:4000 -\n"
            "fd00::5 [fd01::2]:80\n");
}

TEST(LookupJson, UsesNullForNoMember) {
  EXPECT_EQ(lookup_json(sample_results()).dump(),
            R"([{"client":"10.0.0.5","member":"10.1.1.2:80"},)"
            R"({"client":"10.0.0.6:4000","member":null},)"
            R"({"client":"fd00::5","member":"[fd01::2]:80"}])");
}

}  // namespace
