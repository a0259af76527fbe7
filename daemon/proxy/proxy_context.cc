// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "proxy/proxy_context.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "genl/endpoint.h"

namespace knits::proxy {
namespace {

node::HandoffClientConfig handoff_config(const ProxyConfig& config) {
  node::HandoffClientConfig handoff;
  handoff.gateway = config.knitsd;
  handoff.node_id = config.self;
  handoff.key_id = config.key_id;
  handoff.key = config.key;
  return handoff;
}

}  // namespace

ProxyContext::ProxyContext(ProxyConfig proxy_config, boost::asio::thread_pool& blocking_pool)
    : config(std::move(proxy_config)),
      map(content_map(config)),
      handoff(handoff_config(config)),
      blocking(blocking_pool) {}

std::optional<std::uint32_t> ProxyContext::node_at(const genl::Endpoint& peer) const {
  for (const ProxyNode& node : config.nodes) {
    if (node.address.family == peer.family && node.address.address == peer.address) {
      return node.id;
    }
  }
  return std::nullopt;
}

const genl::Endpoint& ProxyContext::address_of(std::uint32_t id) const {
  for (const ProxyNode& node : config.nodes) {
    if (node.id == id) {
      return node.address;
    }
  }
  // the configuration's reader checks that every node it names exists
  throw std::logic_error("no node " + std::to_string(id));
}

}  // namespace knits::proxy
