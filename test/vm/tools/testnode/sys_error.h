// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_SYS_ERROR_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_SYS_ERROR_H

#include <cerrno>
#include <string>
#include <string_view>
#include <system_error>

namespace knits::testnode {

// Throws std::system_error for the current errno: "@what: strerror".
[[noreturn]] inline void throw_errno(std::string_view what) {
  throw std::system_error(errno, std::generic_category(), std::string(what));
}

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_SYS_ERROR_H
