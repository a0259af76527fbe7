// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "proxy/counters.h"

#include <string>

#include <nlohmann/json.hpp>

namespace knits::proxy {

std::string to_json(const Counters& counters) {
  const nlohmann::ordered_json json = {
      {"connections", counters.connections},
      {"connections_handed_in", counters.connections_handed_in},
      {"connections_refused", counters.connections_refused},
      {"requests_local", counters.requests_local},
      {"requests_handed_in", counters.requests_handed_in},
      {"handoffs", counters.handoffs},
      {"handoffs_failed", counters.handoffs_failed},
      {"handoff_retries", counters.handoff_retries},
      {"handoff_p_mismatches", counters.handoff_p_mismatches},
      {"handoff_connect_us", counters.handoff_connect_us},
      {"handoff_exchange_us", counters.handoff_exchange_us},
      {"bad_requests", counters.bad_requests},
      {"upstream_errors", counters.upstream_errors},
      {"client_aborts", counters.client_aborts},
      {"timeouts", counters.timeouts},
  };
  return json.dump();
}

}  // namespace knits::proxy
