// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// What every session of knits-proxy shares: the configuration, the
// content map, the node library's client, the threads the blocking
// hand-off calls run on, and the counters. Sessions run on one
// io_context thread, so the counters need no atomics.

#ifndef KNITS_DAEMON_PROXY_PROXY_CONTEXT_H
#define KNITS_DAEMON_PROXY_PROXY_CONTEXT_H

#include <cstddef>
#include <cstdint>
#include <optional>

#include <boost/asio/thread_pool.hpp>

#include "genl/endpoint.h"
#include "node/handoff_client.h"
#include "proxy/config.h"
#include "proxy/content_map.h"
#include "proxy/counters.h"

namespace knits::proxy {

struct ProxyContext {
  ProxyContext(ProxyConfig proxy_config, boost::asio::thread_pool& blocking_pool);

  // The node a connection whose peer is @peer comes from (c2 of another
  // node's hand-off), or nullopt for the gateway's client side.
  [[nodiscard]] std::optional<std::uint32_t> node_at(const genl::Endpoint& peer) const;
  // The address node @id's proxy takes connections at.
  [[nodiscard]] const genl::Endpoint& address_of(std::uint32_t id) const;

  ProxyConfig config;
  ContentMap map;
  node::HandoffClient handoff;
  boost::asio::thread_pool& blocking;
  Counters counters;
  std::size_t sessions = 0;
};

}  // namespace knits::proxy

#endif  // KNITS_DAEMON_PROXY_PROXY_CONTEXT_H
