// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_LOG_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_LOG_H

#include <string_view>

namespace knits::testnode {

// Writes @line and a newline to stderr and flushes it. Lines from
// concurrent connection threads never interleave: the VM tests grep them.
void log_line(std::string_view line);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_LOG_H
