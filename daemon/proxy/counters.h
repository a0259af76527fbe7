// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// What knits-proxy did with the connections and requests it was given.

#ifndef KNITS_DAEMON_PROXY_COUNTERS_H
#define KNITS_DAEMON_PROXY_COUNTERS_H

#include <cstdint>
#include <string>

namespace knits::proxy {

struct Counters {
  std::uint64_t connections = 0;
  // from another node's proxy: c2 of a hand-off
  std::uint64_t connections_handed_in = 0;
  // turned away at max_connections, with a 503
  std::uint64_t connections_refused = 0;
  // served by the node's web server, on a connection from the gateway's
  // client side or from another node (handed in)
  std::uint64_t requests_local = 0;
  std::uint64_t requests_handed_in = 0;
  std::uint64_t handoffs = 0;
  // a hand-off that could not be made: the client got a 503
  std::uint64_t handoffs_failed = 0;
  // splices asked again after a refusal for want of room (too_many,
  // nomem): the connection's closing legs free their slots in moments
  std::uint64_t handoff_retries = 0;
  // c1 ended at another offset than the gateway's P
  std::uint64_t handoff_p_mismatches = 0;
  // Where a made hand-off's time went, summed in microseconds: opening
  // c2 to the target node, and the exchange with knitsd (retries
  // included) until its answer. The benchmark splits a hand-off's cost
  // with these (Documentation/bench/).
  std::uint64_t handoff_connect_us = 0;
  std::uint64_t handoff_exchange_us = 0;
  // answered 400, 431 or 413 and closed
  std::uint64_t bad_requests = 0;
  // the web server could not be reached or broke off: 502, or the
  // connection closed in the middle of a response
  std::uint64_t upstream_errors = 0;
  // a connection that ended in the middle of a request, or idled out
  std::uint64_t client_aborts = 0;
  std::uint64_t timeouts = 0;
};

// One JSON object of the counters.
[[nodiscard]] std::string to_json(const Counters& counters);

}  // namespace knits::proxy

#endif  // KNITS_DAEMON_PROXY_COUNTERS_H
