// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knits-proxy's configuration (Documentation/node-proxy.md), read from
// TOML with toml++: a mistake, an unknown key included, is a FileError
// naming file:line:column.

#ifndef KNITS_DAEMON_PROXY_CONFIG_H
#define KNITS_DAEMON_PROXY_CONFIG_H

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "genl/config.h"
#include "genl/endpoint.h"
#include "handoff/key.h"
#include "proxy/content_map.h"
#include "proxy/request_framer.h"

namespace knits::proxy {

struct ProxyNode {
  std::uint32_t id = 0;
  // where this node's proxy takes connections: what c2 goes to
  genl::Endpoint address;
};

struct ProxyConfig {
  // [proxy]
  genl::Endpoint listen;
  std::uint32_t self = 0;
  // the node's own web server
  genl::Endpoint upstream;
  FramerLimits limits;
  std::uint32_t max_connections = 1024;
  std::chrono::milliseconds idle_timeout{30000};
  // [gateway]
  genl::Endpoint knitsd;
  std::uint32_t key_id = 1;
  handoff::Key key{};
  // [[node]]
  std::vector<ProxyNode> nodes;
  // [content]
  std::vector<PrefixRule> prefixes;
  std::vector<std::uint32_t> hash_nodes;
  genl::HashKey hash_key{};
};

[[nodiscard]] ProxyConfig parse_proxy_config(std::string_view text, const std::string& name);
[[nodiscard]] ProxyConfig read_proxy_config_file(const std::string& path);

// The configuration's content map.
[[nodiscard]] ContentMap content_map(const ProxyConfig& config);

}  // namespace knits::proxy

#endif  // KNITS_DAEMON_PROXY_CONFIG_H
