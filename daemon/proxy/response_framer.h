// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Finds where the node's web server's response to one request ends in the
// bytes it sends, with Boost.Beast's parser, so that the proxy relays
// exactly that response to the client and knows S, the bytes the client
// was sent, at every request boundary. The bytes stay with the caller.

#ifndef KNITS_DAEMON_PROXY_RESPONSE_FRAMER_H
#define KNITS_DAEMON_PROXY_RESPONSE_FRAMER_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

namespace knits::proxy {

struct FramedResponse {
  unsigned status = 0;
  // 1xx: the final response follows (frame it with a new framer)
  bool interim = false;
  // whether the server keeps the connection open after it
  bool keep_alive = true;
  // the response's length, head included
  std::uint64_t bytes = 0;
};

class ResponseFramer {
 public:
  // @head_request: the response answers a HEAD, so it has no body
  // whatever its fields say. @max_head bounds the status line and fields
  // with their CRLFs.
  explicit ResponseFramer(bool head_request, std::size_t max_head = 65536);
  ResponseFramer(const ResponseFramer&) = delete;
  ResponseFramer& operator=(const ResponseFramer&) = delete;
  ResponseFramer(ResponseFramer&&) noexcept;
  ResponseFramer& operator=(ResponseFramer&&) noexcept;
  ~ResponseFramer();

  struct Step {
    // bytes of the input that belong to the response: the caller relays
    // and drops them, and feeds the rest again with what it reads next
    std::size_t consumed = 0;
    std::optional<FramedResponse> response;
    // not a response this framer can frame
    bool error = false;
  };

  [[nodiscard]] Step feed(std::span<const char> bytes);

  // The server closed the connection: a response whose body runs to the
  // close ends here (then it is returned, keep_alive false); any other
  // unfinished response is cut short (nullopt).
  [[nodiscard]] std::optional<FramedResponse> finish();

 private:
  struct Parser;
  std::unique_ptr<Parser> parser_;
  std::size_t max_head_;
  std::uint64_t taken_ = 0;
  bool failed_ = false;
};

}  // namespace knits::proxy

#endif  // KNITS_DAEMON_PROXY_RESPONSE_FRAMER_H
