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

#include "proxy/discard_body.h"
#include "proxy/message_put.h"

namespace knits::proxy {

namespace http = boost::beast::http;

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
  const MessagePut put = put_message(parser_->parser, bytes, limits_.max_head, limits_.max_body);
  const boost::beast::error_code& ec = put.ec;
  step.consumed = put.consumed;
  taken_ += put.consumed;
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
