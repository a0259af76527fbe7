// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// A Beast body type that counts a message's body and drops it, for the
// framers, which leave the stream's bytes with their caller.

#ifndef KNITS_DAEMON_PROXY_DISCARD_BODY_H
#define KNITS_DAEMON_PROXY_DISCARD_BODY_H

#include <cstddef>
#include <cstdint>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional/optional.hpp>

namespace knits::proxy {

// The body limit is enforced here: Beast 1.74 takes a chunk's size off
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
    reader(boost::beast::http::header<IsRequest, Fields>& /*header*/, value_type& body)
        : body_(body) {}

    void init(const boost::optional<std::uint64_t>& length, boost::beast::error_code& ec) const {
      ec = length && *length > body_.limit ? make_error_code(boost::beast::http::error::body_limit)
                                           : boost::beast::error_code{};
    }

    template <class ConstBufferSequence>
    std::size_t put(const ConstBufferSequence& buffers, boost::beast::error_code& ec) {
      const std::size_t size = boost::asio::buffer_size(buffers);
      body_.seen += size;
      ec = body_.seen > body_.limit ? make_error_code(boost::beast::http::error::body_limit)
                                    : boost::beast::error_code{};
      return size;
    }

    static void finish(boost::beast::error_code& ec) { ec = {}; }

   private:
    value_type& body_;
  };
};

}  // namespace knits::proxy

#endif  // KNITS_DAEMON_PROXY_DISCARD_BODY_H
