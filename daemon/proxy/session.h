// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// One client connection of knits-proxy (Documentation/node-proxy.md):
// its requests framed one after another, each served by relaying it to
// the node's web server and its response back, until one belongs to
// another node; then the connection is handed off there, and that
// request and every one after it are forwarded to the new node as the
// client sent them. Requests are served in order, one at a time, so
// that at each request's first byte every earlier response has been
// sent whole: that is where a hand-off's T and S are exact.

#ifndef KNITS_DAEMON_PROXY_SESSION_H
#define KNITS_DAEMON_PROXY_SESSION_H

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "proxy/proxy_context.h"
#include "proxy/request_framer.h"

namespace knits::proxy {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(ProxyContext& context, boost::asio::ip::tcp::socket client);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  Session(Session&&) = delete;
  Session& operator=(Session&&) = delete;
  ~Session();

  // Serves the connection to its end. Never throws.
  boost::asio::awaitable<void> run();

 private:
  using Socket = boost::asio::ip::tcp::socket;

  // The requests, until one is handed off or the connection ends.
  boost::asio::awaitable<void> serve();
  boost::asio::awaitable<std::optional<FramedRequest>> next_request();
  // What relaying a response to the client came to.
  enum class Relayed {
    kKeepAlive,
    // the client's connection ends after it (the response said close,
    // or the server or the client broke off in the middle)
    kClose,
    // the server answered nothing: no byte went to the client
    kNothing,
  };

  // True if the connection goes on.
  boost::asio::awaitable<bool> serve_locally(const FramedRequest& request);
  // @request sent to the web server, its response relayed.
  boost::asio::awaitable<Relayed> exchange(std::string_view request, bool head_request);
  boost::asio::awaitable<Relayed> relay_response(bool head_request);
  boost::asio::awaitable<bool> connect_upstream();
  void close_upstream();
  // session_handoff.cc
  boost::asio::awaitable<void> hand_off(const FramedRequest& request, std::uint32_t node);
  boost::asio::awaitable<bool> forward_after_splice(Socket& c2, std::uint64_t p);

  boost::asio::awaitable<void> linger();
  // Writes @bytes to the client, counted in S; false if the client is gone.
  boost::asio::awaitable<bool> send_to_client(std::string_view bytes);
  // An error response, then the end of the connection.
  boost::asio::awaitable<void> refuse(std::string_view status);

  // Bounds the next wait; on expiry every socket's operations are
  // cancelled.
  void arm(std::chrono::milliseconds timeout);
  // No bound while waiting for something that bounds itself (knitsd's
  // answer, a pause).
  void disarm();
  void expire();

  ProxyContext& context_;
  Socket client_;
  Socket upstream_;
  // c2 while a hand-off is made
  Socket* c2_ = nullptr;
  boost::asio::steady_timer timer_;
  std::uint64_t timer_generation_ = 0;
  bool timed_out_ = false;
  // the node the connection comes from, when it is handed in
  std::optional<std::uint32_t> from_node_;
  RequestFramer framer_;
  // client bytes received and not yet served: buffer_[0] is the current
  // request's first byte; framed_ of them went through the framer
  std::string buffer_;
  std::size_t framed_ = 0;
  std::uint64_t received_ = 0;
  std::uint64_t sent_ = 0;
  // upstream bytes received and not yet relayed
  std::string upstream_buffer_;
  // every read lands here first: a session has one read in flight at a
  // time, and a buffer in each coroutine's frame would be allocated anew
  // with every request
  static constexpr std::size_t kReadChunk = 65536;
  std::array<char, kReadChunk> chunk_{};
};

}  // namespace knits::proxy

#endif  // KNITS_DAEMON_PROXY_SESSION_H
