// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_COUNTED_SOCKET_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_COUNTED_SOCKET_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "posix/unique_fd.h"
#include "testnode/fd_io.h"

namespace knits::testnode {

// A client connection that counts every byte it received and sent since
// it was accepted: the stream offsets T and S of a hand-off. Received bytes
// wait in buffer() until consume()d.
class CountedSocket {
 public:
  explicit CountedSocket(UniqueFd fd) : fd_(std::move(fd)) {}

  [[nodiscard]] int fd() const { return fd_.get(); }

  // Reads once more into the buffer: false at end-of-file. Throws
  // std::system_error.
  bool fill();

  // Unconsumed received bytes; buffer()[0] is at stream offset
  // buffer_offset().
  [[nodiscard]] std::string_view buffer() const { return buffer_; }
  [[nodiscard]] std::uint64_t buffer_offset() const { return received_ - buffer_.size(); }
  void consume(std::size_t count) { buffer_.erase(0, count); }

  // Consumes the next @count bytes of the stream, buffered or not yet
  // read, handing them to @sink piece by piece: false if end-of-file comes
  // first. Throws std::system_error, or std::runtime_error when no byte
  // arrives before @deadline.
  bool take(std::uint64_t count, const std::function<void(std::string_view)>& sink,
            Clock::time_point deadline = kNoDeadline);

  [[nodiscard]] std::uint64_t received() const { return received_; }
  [[nodiscard]] std::uint64_t sent() const { return sent_; }

  // Writes all of @bytes. Throws std::system_error, after which the
  // connection is only good for closing.
  void send(std::string_view bytes);

  // Closes the socket now.
  void close() { fd_.reset(); }

 private:
  UniqueFd fd_;
  std::string buffer_;
  std::uint64_t received_ = 0;
  std::uint64_t sent_ = 0;
};

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_COUNTED_SOCKET_H
