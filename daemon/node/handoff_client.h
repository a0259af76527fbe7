// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The node side of the hand-off protocol (uapi/knits_handoff.h): builds,
// signs and sends a request to knitsd, sends the same bytes again until an
// answer that verifies comes or the deadline passes, and returns the
// status. Safe to call from many threads at once: each call has its own
// socket; the counter is shared and strictly increasing.

#ifndef KNITS_DAEMON_NODE_HANDOFF_CLIENT_H
#define KNITS_DAEMON_NODE_HANDOFF_CLIENT_H

#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>

#include "genl/endpoint.h"
#include "genl/splice.h"
#include "handoff/key.h"
#include "handoff/wire.h"

namespace knits::node {

struct HandoffClientConfig {
  // knitsd's address and port
  genl::Endpoint gateway;
  std::uint32_t node_id = 0;
  std::uint32_t key_id = 0;
  handoff::Key key{};
  // how long a request is tried for, and the first wait for an answer
  // (doubled after each try, up to 1 s)
  std::chrono::milliseconds deadline{5000};
  std::chrono::milliseconds first_wait{100};
};

struct HandoffResult {
  std::uint32_t status = 0;  // enum knits_handoff_status
  std::uint64_t p = 0;       // the switch point, when KNITS_HANDOFF_OK
  unsigned tries = 0;        // datagrams sent
};

// No answer that verifies before the deadline. (A socket call that fails
// throws std::system_error.)
class HandoffError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class HandoffClient {
 public:
  explicit HandoffClient(const HandoffClientConfig& config);

  [[nodiscard]] HandoffResult splice(const genl::SpliceRequest& request);
  [[nodiscard]] HandoffResult prepare(const handoff::Prepare& prepare);

 private:
  HandoffResult exchange(const handoff::Body& body);
  std::uint64_t next_counter();

  HandoffClientConfig config_;
  std::atomic<std::uint64_t> counter_{0};
  std::atomic<std::uint64_t> request_id_{0};
};

}  // namespace knits::node

#endif  // KNITS_DAEMON_NODE_HANDOFF_CLIENT_H
