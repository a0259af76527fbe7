// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knits-proxy's service port: accepts client connections and starts a
// Session for each, up to max_connections; one more is answered 503 and
// closed, so that a full proxy says so rather than leave clients waiting.

#ifndef KNITS_DAEMON_PROXY_LISTENER_H
#define KNITS_DAEMON_PROXY_LISTENER_H

#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "proxy/proxy_context.h"

namespace knits::proxy {

class Listener {
 public:
  // Binds and listens now (throws boost::system::system_error).
  Listener(boost::asio::io_context& io, ProxyContext& context);

  // Accepts until the acceptor is closed.
  boost::asio::awaitable<void> run();
  void close();

 private:
  ProxyContext& context_;
  boost::asio::ip::tcp::acceptor acceptor_;
};

}  // namespace knits::proxy

#endif  // KNITS_DAEMON_PROXY_LISTENER_H
