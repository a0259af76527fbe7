// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_HTTP_REQUEST_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_HTTP_REQUEST_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace knits::testnode {

// The most a request head (request line, fields and the empty line) may
// take; a longer one is answered 400 and the connection closed.
constexpr std::size_t kMaxRequestHead = std::size_t{16} * 1024;

// A request to the test node: METHOD /nJ/PATH HTTP/1.1, where node J
// serves it.
struct Request {
  std::string method;
  std::string target;      // as sent, for the log
  std::uint32_t node = 0;  // J
  std::string path;        // after "/nJ/", without a query
  std::uint64_t body_size = 0;
  bool has_transfer_encoding = false;
  bool close = false;  // Connection: close
  std::size_t head_size = 0;
};

enum class RequestStatus {
  kIncomplete,  // read more and parse again
  kDone,
  kBad,  // answer 400 and close
};

struct RequestParse {
  RequestStatus status = RequestStatus::kIncomplete;
  Request request;
  std::string error;  // why kBad
};

// Parses the request head at the start of @buffer (a body and further
// pipelined requests may follow it).
[[nodiscard]] RequestParse parse_request(std::string_view buffer);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_HTTP_REQUEST_H
