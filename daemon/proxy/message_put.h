// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Feeds a Beast parser the next part of one HTTP/1.x message so that what
// it finds does not depend on how the bytes arrived, with the workarounds
// for Beast 1.74 that Documentation/node-proxy.md ("Framing a client's
// requests") explains. Shared by RequestFramer and ResponseFramer.

#ifndef KNITS_DAEMON_PROXY_MESSAGE_PUT_H
#define KNITS_DAEMON_PROXY_MESSAGE_PUT_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/optional/optional.hpp>

namespace knits::proxy {

struct MessagePut {
  // bytes of the input the message took
  std::size_t consumed = 0;
  // header_limit: the head (or a chunk-size line, or the trailers) is
  // longer than max_head; body_limit: a Content-Length beyond max_body;
  // anything else: not a message that can be framed
  boost::beast::error_code ec;
};

template <class Parser>
MessagePut put_message(Parser& parser, std::span<const char> bytes, std::size_t max_head,
                       std::uint64_t max_body) {
  namespace http = boost::beast::http;
  MessagePut put;
  boost::beast::error_code& ec = put.ec;
  std::size_t offset = 0;
  if (!parser.is_header_done()) {
    // The head is found here and given to Beast whole and alone. Beast
    // 1.74 counts its header limit from the end of the start line, and a
    // start line it finds short (a version of fewer than 8 bytes) makes
    // it skip the head's end it has already seen: given the head alone,
    // what is short is malformed, however the bytes came.
    const std::string_view window(bytes.data(), std::min(bytes.size(), max_head));
    const std::size_t end = window.find("\r\n\r\n");
    if (end == std::string_view::npos) {
      if (bytes.size() >= max_head) {
        ec = http::error::header_limit;
      }
      return put;
    }
    const std::size_t head = end + 4;
    offset = parser.put(boost::asio::buffer(bytes.data(), head), ec);
    if (ec == http::error::need_more) {
      ec = {};
    }
    if (!ec && (offset != head || !parser.is_header_done())) {
      ec = http::error::bad_line_ending;  // any framing error: malformed
    }
    // a Content-Length beyond the limit is refused at once, before its body
    const boost::optional<std::uint64_t> length = parser.content_length();
    if (!ec && length && *length > max_body) {
      ec = http::error::body_limit;
    }
  }
  // Then the body, as much of it as is here, at most max_head bytes at a
  // time: a chunk's size line or the trailers Beast must see whole, and
  // one that does not fit in max_head bytes is too large, whether the
  // bytes came at once or bit by bit.
  while (!ec && offset < bytes.size() && !parser.is_done()) {
    const std::size_t slice = std::min(bytes.size() - offset, max_head);
    // Beast 1.74 takes a chunk's size off its own body limit each time it
    // tries the chunk's line, also when it then needs more bytes of the
    // extensions, so a size above 2^63 tried twice would trip it: the
    // limit (max_body, enforced by the body type) is reset before each try
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    const std::size_t used = parser.put(boost::asio::buffer(bytes.data() + offset, slice), ec);
    offset += used;
    if (ec == http::error::need_more) {
      ec = {};
      if (used == 0) {
        if (slice == max_head) {
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
  put.consumed = offset;
  return put;
}

}  // namespace knits::proxy

#endif  // KNITS_DAEMON_PROXY_MESSAGE_PUT_H
