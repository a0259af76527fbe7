// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "proxy/config.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "handoff/key_toml.h"
#include "libalrm/toml_reader.h"

namespace knits::proxy {
namespace {

using alrm::TomlReader;

constexpr std::int64_t kU32Max = std::numeric_limits<std::uint32_t>::max();

const toml::table& required_table(const TomlReader& reader, const toml::table& root,
                                  std::string_view key, std::string_view header) {
  const toml::table* table = reader.table(root, key, header);
  if (table == nullptr) {
    reader.fail(root.source(), "missing table " + std::string(header));
  }
  return *table;
}

void read_proxy(const TomlReader& reader, const toml::table& root, ProxyConfig& config) {
  const toml::table& proxy = required_table(reader, root, "proxy", "[proxy]");
  reader.only(
      proxy,
      {"listen", "self", "upstream", "max_head", "max_body", "max_connections", "idle_timeout_ms"},
      "[proxy]");
  config.listen = reader.endpoint(proxy, "listen", true);
  config.self = static_cast<std::uint32_t>(reader.integer(proxy, "self", 1, kU32Max, std::nullopt));
  config.upstream = reader.endpoint(proxy, "upstream", true);
  config.limits.max_head =
      static_cast<std::size_t>(reader.integer(proxy, "max_head", 256, 1 << 20, 16384));
  config.limits.max_body = static_cast<std::uint64_t>(
      reader.integer(proxy, "max_body", 0, std::int64_t{1} << 40, std::int64_t{64} << 20));
  config.max_connections =
      static_cast<std::uint32_t>(reader.integer(proxy, "max_connections", 1, 1 << 20, 1024));
  config.idle_timeout =
      std::chrono::milliseconds(reader.integer(proxy, "idle_timeout_ms", 100, 3600000, 30000));
}

void read_gateway(const TomlReader& reader, const toml::table& root, ProxyConfig& config) {
  const toml::table& gateway = required_table(reader, root, "gateway", "[gateway]");
  reader.only(gateway, {"knitsd", "key_id", "key", "key_file"}, "[gateway]");
  config.knitsd = reader.endpoint(gateway, "knitsd", true);
  config.key_id = static_cast<std::uint32_t>(reader.integer(gateway, "key_id", 1, kU32Max, 1));
  config.key = handoff::read_key(reader, gateway);
}

void read_nodes(const TomlReader& reader, const toml::table& root, ProxyConfig& config) {
  const toml::array* nodes = reader.tables(root, "node", "[[node]]");
  std::set<genl::Endpoint> addresses;
  std::set<std::uint32_t> ids;
  if (nodes != nullptr) {
    for (const toml::node& entry : *nodes) {
      const toml::table& table = *entry.as_table();
      reader.only(table, {"id", "address"}, "a [[node]]");
      ProxyNode node;
      node.id = static_cast<std::uint32_t>(reader.integer(table, "id", 1, kU32Max, std::nullopt));
      node.address = reader.endpoint(table, "address", true);
      if (!ids.insert(node.id).second) {
        reader.fail(table.source(), "node id " + std::to_string(node.id) + " twice");
      }
      if (!addresses.insert(node.address).second) {
        reader.fail(table.source(), "node address " + genl::to_string(node.address) + " twice");
      }
      config.nodes.push_back(node);
    }
  }
  if (!ids.contains(config.self)) {
    reader.fail(root.source(), "self = " + std::to_string(config.self) + " is no [[node]]");
  }
}

bool is_node(const ProxyConfig& config, std::int64_t id) {
  return std::ranges::any_of(config.nodes, [id](const ProxyNode& node) { return node.id == id; });
}

void read_content(const TomlReader& reader, const toml::table& root, ProxyConfig& config) {
  const toml::table* content = reader.table(root, "content", "[content]");
  if (content == nullptr) {
    return;
  }
  reader.only(*content, {"hash_key", "hash_nodes", "prefix"}, "[content]");
  if (const toml::array* prefixes = reader.tables(*content, "prefix", "[[content.prefix]]")) {
    for (const toml::node& entry : *prefixes) {
      const toml::table& table = *entry.as_table();
      reader.only(table, {"prefix", "node"}, "a [[content.prefix]]");
      const toml::node& prefix = reader.string_node(table, "prefix");
      const std::string text = prefix.as_string()->get();
      if (!text.starts_with('/')) {
        reader.fail(prefix.source(), "a prefix is a path: it starts with /");
      }
      const std::int64_t node = reader.integer(table, "node", 1, kU32Max, std::nullopt);
      if (!is_node(config, node)) {
        reader.fail(table.source(), "node " + std::to_string(node) + " is no [[node]]");
      }
      config.prefixes.push_back(PrefixRule{text, static_cast<std::uint32_t>(node)});
    }
  }
  const toml::node* hash_nodes = content->get("hash_nodes");
  if (hash_nodes == nullptr) {
    return;
  }
  const toml::array* ids = hash_nodes->as_array();
  if (ids == nullptr || ids->empty()) {
    reader.fail(hash_nodes->source(), "hash_nodes is a list of node ids: [1, 2, 3]");
  }
  std::set<std::int64_t> seen;
  for (const toml::node& id : *ids) {
    const std::optional<std::int64_t> value = id.value<std::int64_t>();
    if (!id.is_integer() || !value || !is_node(config, *value)) {
      reader.fail(id.source(), "hash_nodes holds ids of [[node]]s");
    }
    if (!seen.insert(*value).second) {
      reader.fail(id.source(), "node " + std::to_string(*value) + " twice in hash_nodes");
    }
    config.hash_nodes.push_back(static_cast<std::uint32_t>(*value));
  }
  if (!content->contains("hash_key")) {
    reader.fail(content->source(),
                "hash_nodes needs hash_key, the same on every node (openssl rand -hex 16)");
  }
  config.hash_key = reader.hash_key(*content, "hash_key");
}

}  // namespace

ProxyConfig parse_proxy_config(std::string_view text, const std::string& name) {
  const toml::table root = alrm::parse_toml(text, name);
  const TomlReader reader(name);
  reader.only(root, {"proxy", "gateway", "node", "content"}, "the file");
  ProxyConfig config;
  read_proxy(reader, root, config);
  read_gateway(reader, root, config);
  read_nodes(reader, root, config);
  read_content(reader, root, config);
  return config;
}

ProxyConfig read_proxy_config_file(const std::string& path) {
  return parse_proxy_config(alrm::read_file(path), path);
}

ContentMap content_map(const ProxyConfig& config) {
  return {config.prefixes, config.hash_nodes, config.hash_key};
}

}  // namespace knits::proxy
