// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_SPLICE_COMMAND_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_SPLICE_COMMAND_H

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "testnode/splicer.h"

namespace knits::testnode {

// How long the splice command may run before it is killed.
constexpr std::chrono::seconds kSpliceCommandTimeout{60};

// Runs @argv (looked up in PATH) with its standard output captured and its
// standard error passed through, waits for it, and reads its answer: exit
// status 0 and {"status":"ok","p":N} on standard output. Anything else is
// an error, never an exception.
[[nodiscard]] SpliceAnswer run_splice_command(const std::vector<std::string>& argv);

// The words of @command split on spaces, empty words dropped.
[[nodiscard]] std::vector<std::string> split_words(std::string_view command);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_SPLICE_COMMAND_H
