// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_FD_IO_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_FD_IO_H

#include <chrono>
#include <cstddef>
#include <span>
#include <string_view>

// Whole reads and writes on file descriptors, retried on EINTR.
namespace knits::testnode {

using Clock = std::chrono::steady_clock;

// No deadline: wait as long as it takes.
constexpr Clock::time_point kNoDeadline = Clock::time_point::max();

// Writes all of @bytes to socket @fd, looping over partial writes.
// MSG_NOSIGNAL: a closed peer is an EPIPE error, never a signal. Throws
// std::system_error.
void send_all(int fd, std::string_view bytes);

// The same for a file.
void write_all(int fd, std::string_view bytes);

// One read from @fd into @buffer: the number of bytes read, 0 at
// end-of-file. Throws std::system_error.
[[nodiscard]] std::size_t read_some(int fd, std::span<char> buffer);

// Waits until @fd is readable (data, end-of-file or an error to report)
// or @deadline passes: true if readable.
[[nodiscard]] bool wait_readable(int fd, Clock::time_point deadline);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_FD_IO_H
