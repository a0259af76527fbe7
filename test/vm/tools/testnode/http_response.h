// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_HTTP_RESPONSE_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_HTTP_RESPONSE_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace knits::testnode {

// The most a response head may take in client mode.
constexpr std::size_t kMaxResponseHead = std::size_t{64} * 1024;

struct ResponseHead {
  int status = 0;
  std::uint64_t body_size = 0;
  std::size_t head_size = 0;
};

enum class ResponseStatus {
  kIncomplete,  // read more and parse again
  kDone,
  kBad,
};

struct ResponseParse {
  ResponseStatus status = ResponseStatus::kIncomplete;
  ResponseHead head;
  std::string error;  // why kBad
};

// Parses the response head at the start of @buffer. Every response of the
// test node carries Content-Length; one without it is kBad.
[[nodiscard]] ResponseParse parse_response(std::string_view buffer);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_HTTP_RESPONSE_H
