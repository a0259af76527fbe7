// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "proxy/listener.h"

#include <chrono>
#include <memory>
#include <string_view>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "handoff/asio_endpoint.h"
#include "proxy/session.h"

namespace knits::proxy {

namespace asio = boost::asio;
using Tcp = asio::ip::tcp;

namespace {

constexpr std::chrono::milliseconds kAcceptRetry{100};

constexpr std::string_view kFull =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

Tcp::endpoint endpoint_of(const genl::Endpoint& endpoint) {
  return {handoff::to_asio(endpoint), endpoint.port};
}

}  // namespace

Listener::Listener(asio::io_context& io, ProxyContext& context) : context_(context), acceptor_(io) {
  const Tcp::endpoint at = endpoint_of(context.config.listen);
  acceptor_.open(at.protocol());
  acceptor_.set_option(Tcp::acceptor::reuse_address(true));
  acceptor_.bind(at);
  acceptor_.listen(asio::socket_base::max_listen_connections);
}

void Listener::close() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
}

asio::awaitable<void> Listener::run() {
  for (;;) {
    boost::system::error_code ec;
    Tcp::socket socket =
        co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) {
      co_return;
    }
    if (ec) {
      // out of descriptors, or a connection reset before it was taken:
      // try again in a moment rather than spin
      asio::steady_timer pause(acceptor_.get_executor(), kAcceptRetry);
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    if (context_.sessions >= context_.config.max_connections) {
      ++context_.counters.connections_refused;
      // a best-effort answer: the socket's buffer takes it at once
      (void)socket.write_some(asio::buffer(kFull.data(), kFull.size()), ec);
      socket.close(ec);
      continue;
    }
    socket.set_option(Tcp::no_delay(true), ec);
    auto session = std::make_shared<Session>(context_, std::move(socket));
    asio::co_spawn(
        acceptor_.get_executor(), [session]() { return session->run(); }, asio::detached);
  }
}

}  // namespace knits::proxy
