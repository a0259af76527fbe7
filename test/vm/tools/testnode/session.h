// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_SESSION_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_SESSION_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "testnode/client_request.h"
#include "testnode/fd_io.h"
#include "testnode/socket_address.h"

namespace knits::testnode {

struct Response {
  int status = 0;
  std::uint64_t bytes = 0;
  std::string sha256;  // of the body, hex
};

// How a session ended, when it did not end well.
enum class SessionFailure {
  kNone,
  kReset,     // the connection was reset (ECONNRESET)
  kStall,     // no byte for too long: the deadline passed
  kProtocol,  // anything else: a bad response, early close, connect error
};

struct SessionResult {
  std::vector<Response> responses;  // those that came whole, in order
  SessionFailure failure = SessionFailure::kNone;
  std::string error;  // what went wrong, empty when failure is kNone
  std::string local;  // the client's address:port, once connected
};

// Body bytes of response @index as they arrive.
using BodySink = std::function<void(std::size_t index, std::string_view piece)>;

// One connection to @server: every request written at once on a writer
// thread (pipelined: with large bodies both directions fill up, and a
// client that wrote everything before reading would deadlock with the
// server), every response read in order, then the server's close (the
// last request says Connection: close). Status codes are the caller's to
// judge. Never throws.
[[nodiscard]] SessionResult run_session(const SocketAddress& server, std::string_view host,
                                        const std::vector<ClientRequest>& requests,
                                        Clock::time_point deadline, const BodySink& sink);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_SESSION_H
