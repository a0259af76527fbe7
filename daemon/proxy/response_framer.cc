// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "proxy/response_framer.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>

#include "proxy/discard_body.h"
#include "proxy/message_put.h"

namespace knits::proxy {

namespace http = boost::beast::http;

struct ResponseFramer::Parser {
  explicit Parser(bool head_request) {
    // The server is the node's own: its responses are trusted to be
    // framed right, and only the head is bounded (by put_message()).
    parser.header_limit(std::numeric_limits<std::uint32_t>::max());
    // (not boost::none: 1.74 then refuses every Content-Length body)
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    parser.get().body().limit = std::numeric_limits<std::uint64_t>::max();
    parser.eager(true);
    parser.skip(head_request);
  }

  http::response_parser<DiscardBody> parser;
};

ResponseFramer::ResponseFramer(bool head_request, std::size_t max_head)
    : parser_(std::make_unique<Parser>(head_request)), max_head_(max_head) {}

ResponseFramer::ResponseFramer(ResponseFramer&&) noexcept = default;
ResponseFramer& ResponseFramer::operator=(ResponseFramer&&) noexcept = default;
ResponseFramer::~ResponseFramer() = default;

namespace {

template <class Parser>
FramedResponse framed(const Parser& parser, std::uint64_t bytes) {
  const auto& message = parser.get();
  const unsigned status = message.result_int();
  return FramedResponse{.status = status,
                        .interim = status / 100 == 1,
                        .keep_alive = message.keep_alive(),
                        .bytes = bytes};
}

}  // namespace

ResponseFramer::Step ResponseFramer::feed(std::span<const char> bytes) {
  Step step;
  if (failed_ || parser_->parser.is_done()) {
    step.error = failed_;
    return step;
  }
  const MessagePut put =
      put_message(parser_->parser, bytes, max_head_, std::numeric_limits<std::uint64_t>::max());
  step.consumed = put.consumed;
  taken_ += put.consumed;
  if (put.ec) {
    failed_ = true;
    step.error = true;
    return step;
  }
  if (parser_->parser.is_done()) {
    step.response = framed(parser_->parser, taken_);
  }
  return step;
}

std::optional<FramedResponse> ResponseFramer::finish() {
  if (failed_ || !parser_->parser.is_header_done()) {
    return std::nullopt;
  }
  if (!parser_->parser.is_done()) {
    boost::beast::error_code ec;
    parser_->parser.put_eof(ec);
    if (ec || !parser_->parser.is_done()) {
      return std::nullopt;
    }
  }
  FramedResponse response = framed(parser_->parser, taken_);
  response.keep_alive = false;
  return response;
}

}  // namespace knits::proxy
