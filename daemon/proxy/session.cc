// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "proxy/session.h"

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "handoff/asio_endpoint.h"
#include "proxy/response_framer.h"

namespace knits::proxy {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

// How long, and how much, a closing connection is read for (linger()).
constexpr std::chrono::milliseconds kLinger{1000};
constexpr std::size_t kLingerBytes = std::size_t{1} << 20U;

}  // namespace

Session::Session(ProxyContext& context, Socket client)
    : context_(context),
      client_(std::move(client)),
      upstream_(client_.get_executor()),
      timer_(client_.get_executor()),
      framer_(context.config.limits) {
  ++context_.sessions;
  ++context_.counters.connections;
}

Session::~Session() { --context_.sessions; }

void Session::arm(std::chrono::milliseconds timeout) {
  // A wait that expired but whose handler has not run yet cannot be
  // cancelled any more: the generation tells it that it is stale.
  const std::uint64_t generation = ++timer_generation_;
  timer_.expires_after(timeout);
  timer_.async_wait([self = weak_from_this(), generation](error_code ec) {
    if (!ec) {
      const auto session = self.lock();
      if (session && session->timer_generation_ == generation) {
        session->expire();
      }
    }
  });
}

void Session::disarm() {
  ++timer_generation_;
  timer_.cancel();
}

void Session::expire() {
  timed_out_ = true;
  error_code ignored;
  client_.cancel(ignored);
  upstream_.cancel(ignored);
  if (c2_ != nullptr) {
    c2_->cancel(ignored);
  }
}

asio::awaitable<void> Session::run() {
  try {
    error_code ec;
    const asio::ip::tcp::endpoint peer = client_.remote_endpoint(ec);
    if (ec) {
      // reset before it was looked at
      ++context_.counters.client_aborts;
    } else {
      from_node_ = context_.node_at(handoff::from_asio(peer.address(), peer.port()));
      if (from_node_) {
        ++context_.counters.connections_handed_in;
      }
      co_await serve();
    }
  } catch (const std::exception& e) {
    std::cerr << "knits-proxy: session: " << e.what() << '\n';
  }
  if (timed_out_) {
    ++context_.counters.timeouts;
  }
  timed_out_ = false;
  close_upstream();
  if (client_.is_open()) {
    co_await linger();
  }
  disarm();
  error_code ignored;
  client_.close(ignored);
}

// Closing with bytes of the client still unread would reset the
// connection, and a reset can destroy the last response (a 400, say)
// before the client has read it: say the end first, then take what the
// client still sends, for a moment, until it closes too.
asio::awaitable<void> Session::linger() {
  error_code ec;
  client_.shutdown(Socket::shutdown_send, ec);
  std::size_t taken = 0;
  arm(kLinger);
  while (!ec && taken < kLingerBytes) {
    taken += co_await client_.async_read_some(asio::buffer(chunk_),
                                              asio::redirect_error(asio::use_awaitable, ec));
  }
}

asio::awaitable<void> Session::serve() {
  for (;;) {
    const std::optional<FramedRequest> request = co_await next_request();
    if (!request) {
      co_return;
    }
    const std::uint32_t node =
        context_.map.node_for(request->target).value_or(context_.config.self);
    if (node != context_.config.self) {
      co_await hand_off(*request, node);
      co_return;
    }
    if (!co_await serve_locally(*request) || !request->keep_alive) {
      co_return;
    }
  }
}

asio::awaitable<std::optional<FramedRequest>> Session::next_request() {
  for (;;) {
    const RequestFramer::Step step =
        framer_.feed({buffer_.data() + framed_, buffer_.size() - framed_});
    framed_ += step.consumed;
    switch (step.error) {
      case FrameError::kNone:
        break;
      case FrameError::kMalformed:
        co_await refuse("400 Bad Request");
        co_return std::nullopt;
      case FrameError::kHeadTooLarge:
        co_await refuse("431 Request Header Fields Too Large");
        co_return std::nullopt;
      case FrameError::kBodyTooLarge:
        co_await refuse("413 Content Too Large");
        co_return std::nullopt;
    }
    if (step.request) {
      co_return step.request;
    }
    error_code ec;
    arm(context_.config.idle_timeout);
    const std::size_t got = co_await client_.async_read_some(
        asio::buffer(chunk_), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      // a client that closes between requests is done; in the middle of
      // one, or silent for too long, it aborted
      if (!timed_out_ && (ec != asio::error::eof || !buffer_.empty())) {
        ++context_.counters.client_aborts;
      }
      co_return std::nullopt;
    }
    received_ += got;
    buffer_.append(chunk_.data(), got);
  }
}

asio::awaitable<bool> Session::send_to_client(std::string_view bytes) {
  error_code ec;
  arm(context_.config.idle_timeout);
  co_await asio::async_write(client_, asio::buffer(bytes.data(), bytes.size()),
                             asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    if (!timed_out_) {
      ++context_.counters.client_aborts;
    }
    co_return false;
  }
  sent_ += bytes.size();
  co_return true;
}

asio::awaitable<void> Session::refuse(std::string_view status) {
  if (status.starts_with('4')) {
    ++context_.counters.bad_requests;
  }
  std::string response = "HTTP/1.1 ";
  response.append(status);
  response.append("\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  (void)co_await send_to_client(response);
}

asio::awaitable<bool> Session::connect_upstream() {
  if (upstream_.is_open()) {
    co_return true;
  }
  const genl::Endpoint& server = context_.config.upstream;
  error_code ec;
  arm(context_.config.idle_timeout);
  co_await upstream_.async_connect(asio::ip::tcp::endpoint(handoff::to_asio(server), server.port),
                                   asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    upstream_.close(ec);
    co_return false;
  }
  co_return true;
}

asio::awaitable<bool> Session::serve_locally(const FramedRequest& request) {
  if (from_node_) {
    ++context_.counters.requests_handed_in;
  } else {
    ++context_.counters.requests_local;
  }
  const std::string_view bytes(buffer_.data(), request.bytes);
  const bool head_request = request.method == "HEAD";
  // A kept-alive connection the server closed meanwhile (its keep-alive
  // timeout) answers nothing: a safe request goes once more on a new
  // one, as nginx's own proxy does; another one is not sent twice.
  const bool reused = upstream_.is_open();
  Relayed relayed = co_await exchange(bytes, head_request);
  if (relayed == Relayed::kNothing && reused &&
      (head_request || request.method == "GET" || request.method == "OPTIONS")) {
    relayed = co_await exchange(bytes, head_request);
  }
  buffer_.erase(0, request.bytes);
  framed_ = 0;
  if (relayed == Relayed::kNothing) {
    ++context_.counters.upstream_errors;
    co_await refuse("502 Bad Gateway");
    co_return false;
  }
  co_return relayed == Relayed::kKeepAlive;
}

asio::awaitable<Session::Relayed> Session::exchange(std::string_view request, bool head_request) {
  if (!co_await connect_upstream()) {
    co_return Relayed::kNothing;
  }
  error_code ec;
  arm(context_.config.idle_timeout);
  co_await asio::async_write(upstream_, asio::buffer(request.data(), request.size()),
                             asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    close_upstream();
    co_return Relayed::kNothing;
  }
  co_return co_await relay_response(head_request);
}

void Session::close_upstream() {
  error_code ignored;
  upstream_.close(ignored);
  upstream_buffer_.clear();
}

// Relays the server's response (and any 1xx before it) byte for byte.
asio::awaitable<Session::Relayed> Session::relay_response(bool head_request) {
  std::optional<ResponseFramer> framer(std::in_place, head_request);
  bool server_open = true;
  bool relayed_any = false;
  for (;;) {
    const ResponseFramer::Step step = framer->feed(upstream_buffer_);
    if (step.consumed > 0) {
      relayed_any = true;
      const bool sent = co_await send_to_client({upstream_buffer_.data(), step.consumed});
      upstream_buffer_.erase(0, step.consumed);
      if (!sent) {
        co_return Relayed::kClose;
      }
    }
    if (step.error) {
      ++context_.counters.upstream_errors;
      close_upstream();
      co_return Relayed::kClose;
    }
    if (step.response) {
      // 101: the rest would be another protocol, which is not relayed
      if (step.response->status == 101) {
        close_upstream();
        co_return Relayed::kClose;
      }
      if (step.response->interim) {
        framer.emplace(head_request);
        continue;
      }
      if (!step.response->keep_alive) {
        close_upstream();
        // a response that says close ends the client's connection too
        co_return Relayed::kClose;
      }
      co_return Relayed::kKeepAlive;
    }
    if (!server_open) {
      const std::optional<FramedResponse> last = framer->finish();
      close_upstream();
      if (!relayed_any) {
        co_return Relayed::kNothing;
      }
      if (!last) {
        ++context_.counters.upstream_errors;
      }
      // a body that ran to the server's close ends the client's
      // connection the same way
      co_return Relayed::kClose;
    }
    error_code ec;
    arm(context_.config.idle_timeout);
    const std::size_t got = co_await upstream_.async_read_some(
        asio::buffer(chunk_), asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::eof || (ec && !relayed_any && !timed_out_)) {
      // (a reset before any byte is a connection that answers nothing)
      server_open = false;
      continue;
    }
    if (ec) {
      ++context_.counters.upstream_errors;
      close_upstream();
      co_return Relayed::kClose;
    }
    upstream_buffer_.append(chunk_.data(), got);
  }
}

}  // namespace knits::proxy
