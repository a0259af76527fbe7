// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_LOAD_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_LOAD_H

#include <cstdint>
#include <string>
#include <vector>

#include "testnode/client_request.h"
#include "testnode/socket_address.h"

namespace knits::testnode {

struct LoadOptions {
  SocketAddress server;
  std::string host;    // the Host field: --connect as given
  std::string origin;  // GET /nK/NAME is checked against origin/K/NAME
  std::uint32_t connections = 0;
  std::uint32_t parallel = 1;
  std::uint64_t seed = 0;
  // requests per connection; consecutive ones go to different nodes, so
  // each connection is handed off at least (requests - 1) times, unless
  // the pool names one node only: a load without hand-offs, for a baseline
  std::uint32_t min_requests = 2;
  std::uint32_t max_requests = 4;
  std::uint32_t timeout_seconds = 60;  // per connection: beyond it, a stall
  std::vector<ClientRequest> pool;     // what the requests are drawn from
};

// The node a load request's path names: /nK/... -> K (the path is
// checked to start so).
[[nodiscard]] std::uint32_t load_request_node(const ClientRequest& request);

// Runs options.connections sessions, options.parallel at a time, each
// with its requests drawn from the pool (seeded: the same seed gives the
// same plan), and checks every body's SHA-256 against the origin file
// (GET) or the upload's digest (POST). Prints one JSON summary line:
// connections, ok, corrupted (a wrong body), bad_status (not 200), resets,
// stalls, errors (anything else), requests, bytes, seconds; and the first
// failures on stderr. Returns 0 if every
// connection got every response whole, right and with status 200.
int run_load(const LoadOptions& options);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_LOAD_H
