// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Splits a client's byte stream into HTTP/1.1 requests as it arrives,
// with Boost.Beast's parser: each complete request comes out with its
// exact length in the stream (head, body, chunk framing and trailers), so
// that the node proxy knows where every request starts (the T of a
// hand-off) and can forward a request and the pipelined ones after it
// byte for byte. The bytes themselves stay with the caller.

#ifndef KNITS_DAEMON_PROXY_REQUEST_FRAMER_H
#define KNITS_DAEMON_PROXY_REQUEST_FRAMER_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace knits::proxy {

struct FramerLimits {
  // the request line and the header fields, with their CRLFs
  std::size_t max_head = 16384;
  // the body's bytes (a chunked body's data, without its framing)
  std::uint64_t max_body = std::uint64_t{64} << 20U;
};

// One whole request as the client sent it.
struct FramedRequest {
  std::string method;
  std::string target;
  // 10 or 11
  unsigned version = 11;
  // whether the connection stays open after this request's response
  bool keep_alive = true;
  // the request's length in the stream, head included
  std::uint64_t bytes = 0;
};

enum class FrameError {
  kNone,
  // not HTTP/1.x the parser can frame: answer 400 and close
  kMalformed,
  // the head is longer than max_head: 431
  kHeadTooLarge,
  // the body is longer than max_body: 413
  kBodyTooLarge,
};

class RequestFramer {
 public:
  explicit RequestFramer(const FramerLimits& limits = {});
  RequestFramer(const RequestFramer&) = delete;
  RequestFramer& operator=(const RequestFramer&) = delete;
  RequestFramer(RequestFramer&&) noexcept;
  RequestFramer& operator=(RequestFramer&&) noexcept;
  ~RequestFramer();

  struct Step {
    // bytes of the input taken by the current request: the caller drops
    // them and feeds the rest again with what it reads next
    std::size_t consumed = 0;
    // set when the current request is complete (the next feed starts the
    // next one)
    std::optional<FramedRequest> request;
    FrameError error = FrameError::kNone;
  };

  // @bytes: what the caller holds of the stream from where the last step
  // stopped. After an error every step repeats it.
  [[nodiscard]] Step feed(std::span<const char> bytes);

 private:
  struct Parser;
  FramerLimits limits_;
  std::unique_ptr<Parser> parser_;
  std::uint64_t taken_ = 0;  // of the current request
  FrameError failed_ = FrameError::kNone;
};

}  // namespace knits::proxy

#endif  // KNITS_DAEMON_PROXY_REQUEST_FRAMER_H
