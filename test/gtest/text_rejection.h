// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// What a parser of command-line text says when it refuses the text.

#ifndef KNITS_TEST_GTEST_TEXT_REJECTION_H
#define KNITS_TEST_GTEST_TEXT_REJECTION_H

#include <cerrno>
#include <string>

#include <gtest/gtest.h>

#include "genl/error.h"

namespace knits::test {

// The message of the Error(EINVAL) that @parse throws for @text, or "" when
// it accepts the text.
template <typename Parse>
std::string text_rejection(Parse parse, const std::string& text) {
  try {
    (void)parse(text);
  } catch (const genl::Error& e) {
    EXPECT_EQ(e.errnum(), EINVAL) << text;
    return e.what();
  }
  return "";
}

}  // namespace knits::test

#endif  // KNITS_TEST_GTEST_TEXT_REJECTION_H
