// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// A session's hand-off (design.md, "Splice"; the node side of
// ARCHITECTURE.md section 3.1): c2 opened to the target node's proxy with
// c1's MSS, the splice asked of knitsd with T (the request's first byte)
// and S (every byte sent so far), and then c1's bytes from T on forwarded
// to c2 until the gateway ends c1 at P. Nothing is written on c2 before
// the answer, nor on c1 after the question.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "genl/splice.h"
#include "handoff/asio_endpoint.h"
#include "handoff/status.h"
#include "knits.h"
#include "knits_handoff.h"
#include "node/c2_socket.h"
#include "node/handoff_client.h"
#include "node/socket_endpoint.h"
#include "proxy/session.h"

namespace knits::proxy {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

// How long the gateway may take to end c1 after the splice, and the
// target node to close c2 after this node did.
constexpr std::chrono::milliseconds kEndTimeout{30000};

// A refusal for want of room: the connection's legs still closing hold
// every slot (too_many), or the gateway was short of memory.
constexpr std::chrono::milliseconds kBusyFirstWait{10};
constexpr std::chrono::milliseconds kBusyLastWait{1280};

bool transient(std::uint32_t status) {
  return status == KNITS_SPLICE_TOO_MANY || status == KNITS_SPLICE_NOMEM;
}

std::uint64_t microseconds(std::chrono::steady_clock::duration d) {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(d).count());
}

void log_line(const std::string& line) { std::cerr << "knits-proxy: " << line << '\n'; }

}  // namespace

asio::awaitable<void> Session::hand_off(const FramedRequest& request, std::uint32_t node) {
  const genl::Endpoint& target = context_.address_of(node);
  const std::uint64_t t = received_ - buffer_.size();
  const std::uint64_t s = sent_;
  const std::string what = "hand-off of " + request.method + " " + request.target + " to node " +
                           std::to_string(node) + " (T=" + std::to_string(t) +
                           " S=" + std::to_string(s) + ")";
  close_upstream();
  error_code ignored;
  Socket c2(client_.get_executor());
  c2_ = &c2;
  // nullopt: no answer (the reason is logged here)
  std::optional<node::HandoffResult> answer;
  const auto started = std::chrono::steady_clock::now();
  auto connected = started;
  try {
    const asio::ip::tcp::endpoint to(handoff::to_asio(target), target.port);
    c2.open(to.protocol());
    (void)node::set_c2_mss(c2.native_handle(), node::advertised_mss(client_.native_handle()));
    error_code ec;
    arm(context_.config.idle_timeout);
    co_await c2.async_connect(to, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      throw std::system_error(ec, "connecting c2 to " + genl::to_string(target));
    }
    connected = std::chrono::steady_clock::now();
    const genl::SpliceRequest splice{.c1 = node::connection_of(client_.native_handle()),
                                     .c2 = node::connection_of(c2.native_handle()),
                                     .t = t,
                                     .s = s};
    // The node library blocks until knitsd answers (5 s at most): not on
    // this thread, and not under the idle timeout.
    disarm();
    node::HandoffClient& handoff = context_.handoff;
    std::chrono::milliseconds wait = kBusyFirstWait;
    for (;;) {
      answer = co_await asio::co_spawn(
          context_.blocking,
          [&handoff, &splice]() -> asio::awaitable<node::HandoffResult> {
            co_return handoff.splice(splice);
          },
          asio::use_awaitable);
      // A refusal changes nothing, c2 stays fresh, and legs still
      // closing free their slots within moments: ask again.
      if (!transient(answer->status) || wait > kBusyLastWait) {
        break;
      }
      ++context_.counters.handoff_retries;
      asio::steady_timer pause(client_.get_executor(), wait);
      co_await pause.async_wait(asio::use_awaitable);
      wait *= 2;
    }
  } catch (const std::exception& e) {
    log_line(what + " not made: " + e.what());
  }
  if (!answer || answer->status != KNITS_HANDOFF_OK) {
    // Refused: c1 is as it was, and the client hears why. Unanswered:
    // knitsd may have made the splice and the answers been lost; then
    // the gateway drops what this node sends beyond S on c1, and the
    // 503 reaches the client only if there was no splice.
    if (answer) {
      log_line(what + " refused: " + handoff::status_name(answer->status));
    }
    ++context_.counters.handoffs_failed;
    c2.close(ignored);
    c2_ = nullptr;
    co_await refuse("503 Service Unavailable");
    co_return;
  }
  ++context_.counters.handoffs;
  context_.counters.handoff_connect_us += microseconds(connected - started);
  context_.counters.handoff_exchange_us +=
      microseconds(std::chrono::steady_clock::now() - connected);
  if (!co_await forward_after_splice(c2, answer->p)) {
    log_line(what + ": forwarding after the splice ended early");
  }
  c2.close(ignored);
  c2_ = nullptr;
}

// c1's bytes from T on to c2 until c1 ends at P; then c2 closed for
// writing, and read until the target node closes it too (it has nothing
// to say to this node: the gateway sends its bytes to the client).
asio::awaitable<bool> Session::forward_after_splice(Socket& c2, std::uint64_t p) {
  error_code ec;
  for (;;) {
    if (!buffer_.empty()) {
      arm(kEndTimeout);
      co_await asio::async_write(c2, asio::buffer(buffer_),
                                 asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        co_return false;
      }
      buffer_.clear();
    }
    arm(kEndTimeout);
    const std::size_t got = co_await client_.async_read_some(
        asio::buffer(chunk_), asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::eof) {
      break;
    }
    if (ec) {
      co_return false;
    }
    received_ += got;
    buffer_.append(chunk_.data(), got);
  }
  if (received_ != p) {
    ++context_.counters.handoff_p_mismatches;
    log_line("c1 ended at " + std::to_string(received_) + ", the gateway's P is " +
             std::to_string(p));
  }
  c2.shutdown(Socket::shutdown_send, ec);
  client_.close(ec);
  for (;;) {
    arm(kEndTimeout);
    (void)co_await c2.async_read_some(asio::buffer(chunk_),
                                      asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::eof) {
      co_return true;
    }
    if (ec) {
      co_return false;
    }
  }
}

}  // namespace knits::proxy
