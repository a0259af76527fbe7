// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsd/config.h"

#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "genl/endpoint.h"
#include "handoff/key.h"
#include "handoff/key_toml.h"
#include "knits_handoff.h"
#include "libalrm/compile.h"
#include "libalrm/descriptor_parse.h"
#include "libalrm/toml_reader.h"

namespace knits::knitsd {
namespace {

using alrm::TomlReader;

constexpr std::int64_t kU32Max = std::numeric_limits<std::uint32_t>::max();

NodeConfig read_node(const TomlReader& reader, const toml::table& table) {
  reader.only(table, {"id", "address", "keys"}, "a [[node]]");
  NodeConfig node;
  node.id = static_cast<std::uint32_t>(reader.integer(table, "id", 1, kU32Max, std::nullopt));
  node.address = reader.endpoint(table, "address", false);
  const toml::node* keys = table.get("keys");
  if (keys == nullptr || !keys->is_array_of_tables() || keys->as_array()->empty()) {
    reader.fail(keys != nullptr ? keys->source() : table.source(),
                "a node has \"keys\": an array of tables {id, key or key_file}");
  }
  for (const toml::node& entry : *keys->as_array()) {
    const toml::table& key_table = *entry.as_table();
    reader.only(key_table, {"id", "key", "key_file"}, "a node's key");
    const auto id =
        static_cast<std::uint32_t>(reader.integer(key_table, "id", 1, kU32Max, std::nullopt));
    if (!node.keys.emplace(id, handoff::read_key(reader, key_table)).second) {
      reader.fail(key_table.source(), "key id " + std::to_string(id) + " twice");
    }
  }
  return node;
}

}  // namespace

Config parse_config(std::string_view text, const std::string& name) {
  const toml::table root = alrm::parse_toml(text, name);
  const TomlReader reader(name);
  reader.only(root,
              {"handoff", "metrics", "control", "node", alrm::kSchedulingKey, alrm::kServiceKey},
              "the file");
  Config config;
  const toml::table* handoff = root["handoff"].as_table();
  if (handoff == nullptr) {
    reader.fail(root.source(), "missing table [handoff]");
  }
  reader.only(*handoff, {"listen", "rate", "burst", "answer_cache"}, "[handoff]");
  config.handoff_listen = reader.endpoint(*handoff, "listen", true);
  config.limits.rate = static_cast<double>(reader.integer(*handoff, "rate", 1, 1000000, 2000));
  config.limits.burst = static_cast<double>(reader.integer(*handoff, "burst", 1, 1000000, 200));
  config.limits.answer_cache =
      static_cast<std::size_t>(reader.integer(*handoff, "answer_cache", 0, 1 << 20, 4096));
  if (const toml::table* metrics = reader.table(root, "metrics", "[metrics]")) {
    reader.only(*metrics, {"listen"}, "[metrics]");
    config.metrics_listen = reader.endpoint(*metrics, "listen", true);
  }
  if (const toml::table* control = reader.table(root, "control", "[control]")) {
    reader.only(*control, {"socket"}, "[control]");
    config.control_socket = reader.string_node(*control, "socket").as_string()->get();
  }
  const toml::array* nodes = reader.tables(root, "node", "[[node]]");
  std::set<std::uint32_t> ids;
  std::set<genl::Endpoint> addresses;
  if (nodes != nullptr) {
    for (const toml::node& entry : *nodes) {
      const toml::table& table = *entry.as_table();
      NodeConfig node = read_node(reader, table);
      if (!ids.insert(node.id).second) {
        reader.fail(table.source(), "node id " + std::to_string(node.id) + " twice");
      }
      if (!addresses.insert(node.address).second) {
        reader.fail(table.source(),
                    "node address " + genl::address_to_string(node.address) + " twice");
      }
      config.nodes.push_back(std::move(node));
    }
  }
  config.descriptor = alrm::read_descriptor(root, reader);
  return config;
}

Config read_config_file(const std::string& path) {
  return parse_config(alrm::read_file(path), path);
}

Config validate_config_file(const std::string& path) {
  Config config = read_config_file(path);
  (void)alrm::compile(config.descriptor);
  return config;
}

}  // namespace knits::knitsd
