// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "proxy/request_framer.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/optional/optional.hpp>

namespace knits::proxy {
namespace {

namespace http = boost::beast::http;

// A body the parser counts and drops: the caller keeps the stream's bytes.
// It enforces the body limit itself: Beast 1.74 takes a chunk's size off
// its own limit before it has read the chunk's extensions, and again each
// time it reads them once more with more bytes, so its limit would depend
// on how the bytes arrived.
struct DiscardBody {
  // NOLINTNEXTLINE(readability-identifier-naming): the names Beast's Body concept asks for
  struct value_type {
    std::uint64_t limit = 0;
    std::uint64_t seen = 0;
  };

  // NOLINTNEXTLINE(readability-identifier-naming)
  class reader {
   public:
    template <bool IsRequest, class Fields>
    reader(http::header<IsRequest, Fields>& /*header*/, value_type& body) : body_(body) {}

    void init(const boost::optional<std::uint64_t>& length, boost::beast::error_code& ec) const {
      ec = length && *length > body_.limit ? make_error_code(http::error::body_limit)
                                           : boost::beast::error_code{};
    }

    template <class ConstBufferSequence>
    std::size_t put(const ConstBufferSequence& buffers, boost::beast::error_code& ec) {
      const std::size_t size = boost::asio::buffer_size(buffers);
      body_.seen += size;
      ec = body_.seen > body_.limit ? make_error_code(http::error::body_limit)
                                    : boost::beast::error_code{};
      return size;
    }

    static void finish(boost::beast::error_code& ec) { ec = {}; }

   private:
    value_type& body_;
  };
};

}  // namespace

struct RequestFramer::Parser {
  explicit Parser(const FramerLimits& limits) {
    // both limits are enforced here (RequestFramer::feed(), DiscardBody)
    parser.header_limit(std::numeric_limits<std::uint32_t>::max());
    // (not boost::none: 1.74 then refuses every Content-Length body)
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    parser.get().body().limit = limits.max_body;
    // parse the body in the call that completes the head
    parser.eager(true);
  }

  http::request_parser<DiscardBody> parser;
};

RequestFramer::RequestFramer(const FramerLimits& limits)
    : limits_(limits), parser_(std::make_unique<Parser>(limits)) {}

RequestFramer::RequestFramer(RequestFramer&&) noexcept = default;
RequestFramer& RequestFramer::operator=(RequestFramer&&) noexcept = default;
RequestFramer::~RequestFramer() = default;

RequestFramer::Step RequestFramer::feed(std::span<const char> bytes) {
  Step step;
  if (failed_ != FrameError::kNone) {
    step.error = failed_;
    return step;
  }
  boost::beast::error_code ec;
  std::size_t offset = 0;
  if (!parser_->parser.is_header_done()) {
    // The head is found here and given to Beast whole and alone. Beast
    // 1.74 counts its header limit from the end of the request line, and
    // a request line it finds short (a version of fewer than 8 bytes)
    // makes it skip the head's end it has already seen: given the head
    // alone, what is short is malformed, however the bytes came.
    const std::string_view window(bytes.data(), std::min(bytes.size(), limits_.max_head));
    const std::size_t end = window.find("\r\n\r\n");
    if (end == std::string_view::npos) {
      if (bytes.size() >= limits_.max_head) {
        failed_ = FrameError::kHeadTooLarge;
        step.error = failed_;
      }
      return step;
    }
    const std::size_t head = end + 4;
    offset = parser_->parser.put(boost::asio::buffer(bytes.data(), head), ec);
    if (ec == http::error::need_more) {
      ec = {};
    }
    if (!ec && (offset != head || !parser_->parser.is_header_done())) {
      ec = http::error::bad_line_ending;  // any framing error: malformed
    }
    // a Content-Length beyond the limit is refused at once, before its body
    const boost::optional<std::uint64_t> length = parser_->parser.content_length();
    if (!ec && length && *length > limits_.max_body) {
      ec = http::error::body_limit;
    }
  }
  // Then the body, as much of it as is here, at most max_head bytes at a
  // time: a chunk's size line or the trailers Beast must see whole, and
  // one that does not fit in max_head bytes is too large, whether the
  // bytes came at once or bit by bit.
  while (!ec && offset < bytes.size() && !parser_->parser.is_done()) {
    const std::size_t slice = std::min(bytes.size() - offset, limits_.max_head);
    const std::size_t used =
        parser_->parser.put(boost::asio::buffer(bytes.data() + offset, slice), ec);
    offset += used;
    if (ec == http::error::need_more) {
      ec = {};
      if (used == 0) {
        if (slice == limits_.max_head) {
          ec = http::error::header_limit;
        }
        break;
      }
      continue;
    }
    if (used == 0) {
      break;
    }
  }
  step.consumed = offset;
  taken_ += offset;
  if (ec) {
    failed_ = ec == http::error::header_limit ? FrameError::kHeadTooLarge
              : ec == http::error::body_limit ? FrameError::kBodyTooLarge
                                              : FrameError::kMalformed;
    step.error = failed_;
    return step;
  }
  if (!parser_->parser.is_done()) {
    return step;
  }
  const auto& message = parser_->parser.get();
  FramedRequest request;
  const boost::beast::string_view method = message.method_string();
  const boost::beast::string_view target = message.target();
  request.method.assign(method.data(), method.size());
  request.target.assign(target.data(), target.size());
  request.version = message.version();
  request.keep_alive = message.keep_alive();
  request.bytes = taken_;
  step.request = std::move(request);
  parser_ = std::make_unique<Parser>(limits_);
  taken_ = 0;
  return step;
}

}  // namespace knits::proxy
