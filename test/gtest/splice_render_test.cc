// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl splice output.

#include "knitsctl/splice_render.h"

#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

#include "knits.h"

namespace {

using knits::ctl::splice_json;
using knits::ctl::splice_refusal;
using knits::ctl::splice_text;
using knits::genl::SpliceReply;

constexpr std::uint64_t kMaxP = std::numeric_limits<std::uint64_t>::max();

TEST(SpliceText, PrintsTheSwitchPoint) {
  EXPECT_EQ(splice_text(SpliceReply{.status = KNITS_SPLICE_OK, .p = 4096}), "P=4096\n");
  // a prepare's OK carries no P
  EXPECT_EQ(splice_text(SpliceReply{.status = KNITS_SPLICE_OK}), "ok\n");
  EXPECT_EQ(splice_text(SpliceReply{.status = KNITS_SPLICE_OK, .p = kMaxP}),
            "P=18446744073709551615\n");
}

TEST(SpliceText, PrintsNothingForARefusal) {
  EXPECT_EQ(splice_text(SpliceReply{.status = KNITS_SPLICE_NO_C1}), "");
}

TEST(SpliceJson, IsStatusThenSwitchPoint) {
  EXPECT_EQ(splice_json(SpliceReply{.status = KNITS_SPLICE_OK, .p = 4096}).dump(),
            R"({"status":"ok","p":4096})");
  EXPECT_EQ(splice_json(SpliceReply{.status = KNITS_SPLICE_OK, .p = kMaxP}).dump(),
            R"({"status":"ok","p":18446744073709551615})");
}

TEST(SpliceJson, IsTheStatusAloneForARefusal) {
  EXPECT_EQ(splice_json(SpliceReply{.status = KNITS_SPLICE_C2_NOT_FRESH}).dump(),
            R"({"status":"c2_not_fresh"})");
  EXPECT_EQ(splice_json(SpliceReply{.status = KNITS_SPLICE_STATUS_MAX + 1}).dump(),
            R"({"status":"status_)" + std::to_string(KNITS_SPLICE_STATUS_MAX + 1) + R"("})");
}

TEST(SpliceRefusal, NamesAndExplainsTheStatus) {
  EXPECT_EQ(splice_refusal(KNITS_SPLICE_MSS),
            "splice refused: mss (c2's MSS exceeds the client's)");
  EXPECT_EQ(splice_refusal(KNITS_SPLICE_NOT_SERVING),
            "splice refused: not_serving (the node no longer serves c1: it was handed off)");
  EXPECT_EQ(splice_refusal(99),
            "splice refused: status_99 (a reason this build of knits does not know: the module "
            "is newer)");
}

}  // namespace
