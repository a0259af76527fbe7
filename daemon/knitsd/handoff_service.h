// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsd's request pipeline, transport-free: one datagram and its source
// in, the answer to send back (if any) out. The checks run cheapest first
// and the crypto only for a configured node's datagram within its rate;
// replay state moves only after the tag verifies (uapi/knits_handoff.h,
// Documentation/security.md).

#ifndef KNITS_DAEMON_KNITSD_HANDOFF_SERVICE_H
#define KNITS_DAEMON_KNITSD_HANDOFF_SERVICE_H

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "genl/endpoint.h"
#include "handoff/key.h"
#include "handoff/wire.h"
#include "knitsd/answer_cache.h"
#include "knitsd/counters.h"
#include "knitsd/kernel.h"
#include "knitsd/replay_window.h"
#include "knitsd/token_bucket.h"

namespace knits::knitsd {

struct NodeConfig {
  std::uint32_t id = 0;
  // the node's address (port 0): its requests' source, its answers' destination
  genl::Endpoint address;
  std::map<std::uint32_t, handoff::Key> keys;
};

struct HandoffLimits {
  // requests per second and burst, per node address, before any crypto
  double rate = 2000;
  double burst = 200;
  // answers kept per node for requests sent again
  std::size_t answer_cache = 4096;
};

// The two clocks a request is judged by.
struct Now {
  TokenBucket::Clock::time_point steady;
  // nanoseconds since the Unix epoch, the clock requests' counters follow
  std::uint64_t realtime_ns = 0;

  [[nodiscard]] static Now current();
};

class HandoffService {
 public:
  HandoffService(const std::vector<NodeConfig>& nodes, const HandoffLimits& limits, Kernel& kernel,
                 Now now);

  // Takes a reloaded configuration: a node that stays (same id) keeps its
  // replay window and answer cache, so a reload opens no replay window.
  void reconfigure(const std::vector<NodeConfig>& nodes, const HandoffLimits& limits, Now now);

  // The answer to send back to @source, or nullopt for a datagram that is
  // dropped (counted). Never throws for anything in @datagram.
  [[nodiscard]] std::optional<std::vector<std::uint8_t>> handle(
      std::span<const std::uint8_t> datagram, const genl::Endpoint& source, Now now);

  [[nodiscard]] const Counters& counters() const { return counters_; }

 private:
  struct Node {
    NodeConfig config;
    TokenBucket bucket;
    ReplayWindow replay;
    AnswerCache answers;
  };

  // The status of an authenticated splice request; @p set when it is OK.
  std::uint32_t splice(const Node& node, const genl::SpliceRequest& request, std::uint64_t& p);
  // The status of an authenticated prepare: what a splice of its c1 would
  // get now for c1's reasons.
  std::uint32_t prepare(const Node& node, const handoff::Prepare& prepare);

  Kernel& kernel_;
  std::map<std::uint32_t, Node> nodes_;
  // node address (port 0) to node id
  std::map<genl::Endpoint, std::uint32_t> by_address_;
  Counters counters_;
};

}  // namespace knits::knitsd

#endif  // KNITS_DAEMON_KNITSD_HANDOFF_SERVICE_H
