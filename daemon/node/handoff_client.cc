// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "node/handoff_client.h"

#include <poll.h>
#include <sys/random.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "knits_handoff.h"
#include "node/knitsd_socket.h"
#include "node/socket_endpoint.h"

namespace knits::node {
namespace {

using SteadyClock = std::chrono::steady_clock;

std::uint64_t now_ns() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
}

std::uint64_t random_u64() {
  std::uint64_t value = 0;
  if (::getrandom(&value, sizeof(value), 0) != sizeof(value)) {
    value = now_ns();
  }
  return value;
}

bool answers(const handoff::Frame& frame, const handoff::Header& request) {
  return frame.header.node_id == request.node_id && frame.header.key_id == request.key_id &&
         frame.header.request_id == request.request_id && frame.header.counter == request.counter;
}

}  // namespace

HandoffClient::HandoffClient(const HandoffClientConfig& config)
    : config_(config), request_id_(random_u64()) {}

HandoffResult HandoffClient::splice(const genl::SpliceRequest& request) {
  return exchange(request);
}

HandoffResult HandoffClient::prepare(const handoff::Prepare& prepare) { return exchange(prepare); }

std::uint64_t HandoffClient::next_counter() {
  std::uint64_t last = counter_.load();
  std::uint64_t next = 0;
  do {
    next = std::max(last + 1, now_ns());
  } while (!counter_.compare_exchange_weak(last, next));
  return next;
}

HandoffResult HandoffClient::exchange(const handoff::Body& body) {
  const KnitsdSocket socket(config_.gateway);
  const genl::Endpoint self = socket.local();
  handoff::Header header;
  header.node_id = config_.node_id;
  header.key_id = config_.key_id;
  header.request_id = request_id_++;
  header.counter = next_counter();
  const std::vector<std::uint8_t> request = handoff::write_message(header, body, config_.key, self);

  HandoffResult result;
  const SteadyClock::time_point deadline = SteadyClock::now() + config_.deadline;
  std::chrono::milliseconds wait = config_.first_wait;
  std::array<std::uint8_t, KNITS_HANDOFF_MAX_LEN + 1> buffer{};
  while (SteadyClock::now() < deadline) {
    // an error (knitsd not there yet: ICMP port unreachable) is a lost try
    (void)::send(socket.fd(), request.data(), request.size(), 0);
    result.tries++;
    const SteadyClock::time_point until = std::min(deadline, SteadyClock::now() + wait);
    for (SteadyClock::time_point now = SteadyClock::now(); now < until; now = SteadyClock::now()) {
      pollfd readable{socket.fd(), POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - now);
      if (::poll(&readable, 1, static_cast<int>(left.count()) + 1) <= 0) {
        continue;
      }
      const ssize_t n = ::recv(socket.fd(), buffer.data(), buffer.size(), 0);
      if (n <= 0) {
        continue;
      }
      const auto read = handoff::read_frame(std::span(buffer).first(static_cast<std::size_t>(n)),
                                            handoff::Expect::kAnswer);
      const auto* frame = std::get_if<handoff::Frame>(&read);
      // anything else is not our answer: an old one, or forged
      if (frame == nullptr || !answers(*frame, header) ||
          !handoff::tag_verifies(config_.key, self, frame->signed_bytes, frame->tag)) {
        continue;
      }
      const handoff::Answer answer = handoff::read_answer(frame->body);
      result.status = answer.status;
      result.p = answer.p;
      return result;
    }
    wait = std::min(wait * 2, std::chrono::milliseconds(1000));
  }
  throw HandoffError("no answer from knitsd at " + genl::to_string(config_.gateway) + " within " +
                     std::to_string(config_.deadline.count()) + " ms (" +
                     std::to_string(result.tries) + " tries)");
}

}  // namespace knits::node
