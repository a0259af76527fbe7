// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsd/config.h"

#include <cstdint>
#include <exception>
#include <fstream>
#include <limits>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "genl/endpoint.h"
#include "handoff/key.h"
#include "knits_handoff.h"

namespace knits::knitsd {
namespace {

// Errors point at the value (or the table) they are about.
class Reader {
 public:
  explicit Reader(std::string name) : name_(std::move(name)) {}

  [[noreturn]] void fail(const toml::source_region& where, const std::string& what) const {
    throw ConfigError(name_ + ":" + std::to_string(where.begin.line) + ":" +
                      std::to_string(where.begin.column) + ": " + what);
  }

  // Every key of @table must be one of @known: a misspelt key is an error,
  // not a default silently used.
  void only(const toml::table& table, std::initializer_list<std::string_view> known,
            std::string_view where) const {
    for (const auto& [key, value] : table) {
      bool found = false;
      for (std::string_view k : known) {
        found = found || key.str() == k;
      }
      if (!found) {
        fail(key.source(),
             "unknown key \"" + std::string(key.str()) + "\" in " + std::string(where));
      }
    }
  }

  [[nodiscard]] std::int64_t integer(const toml::table& table, std::string_view key,
                                     std::int64_t lo, std::int64_t hi,
                                     std::optional<std::int64_t> fallback) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      if (!fallback) {
        fail(table.source(), "missing \"" + std::string(key) + "\"");
      }
      return *fallback;
    }
    const auto* value = node->as_integer();
    if (value == nullptr) {
      fail(node->source(), "\"" + std::string(key) + "\" must be an integer");
    }
    if (value->get() < lo || value->get() > hi) {
      fail(node->source(), "\"" + std::string(key) + "\" must be in " + std::to_string(lo) + ".." +
                               std::to_string(hi));
    }
    return value->get();
  }

  [[nodiscard]] const toml::node& string_node(const toml::table& table,
                                              std::string_view key) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      fail(table.source(), "missing \"" + std::string(key) + "\"");
    }
    if (!node->is_string()) {
      fail(node->source(), "\"" + std::string(key) + "\" must be a string");
    }
    return *node;
  }

  [[nodiscard]] genl::Endpoint endpoint(const toml::table& table, std::string_view key,
                                        bool with_port) const {
    const toml::node& node = string_node(table, key);
    const std::string& text = node.as_string()->get();
    try {
      if (with_port) {
        return genl::parse_endpoint(text);
      }
      genl::AddressAndPort parsed = genl::parse_address_and_optional_port(text);
      if (parsed.has_port) {
        fail(node.source(), "\"" + std::string(key) + "\" is an address without a port");
      }
      return parsed.endpoint;
    } catch (const ConfigError&) {
      throw;
    } catch (const std::exception& e) {
      fail(node.source(), e.what());
    }
  }

  [[nodiscard]] handoff::Key key(const toml::table& table) const {
    const bool inline_key = table.contains("key");
    if (inline_key == table.contains("key_file")) {
      fail(table.source(), R"(a key has exactly one of "key" and "key_file")");
    }
    const toml::node& node = string_node(table, inline_key ? "key" : "key_file");
    std::string text = node.as_string()->get();
    if (!inline_key) {
      std::ifstream file(text);
      std::stringstream contents;
      contents << file.rdbuf();
      if (!file) {
        fail(node.source(), "cannot read key file \"" + text + "\"");
      }
      text = contents.str();
    }
    try {
      return handoff::parse_key(text);
    } catch (const std::exception& e) {
      fail(node.source(), e.what());
    }
  }

 private:
  std::string name_;
};

constexpr std::int64_t kU32Max = std::numeric_limits<std::uint32_t>::max();

NodeConfig read_node(const Reader& reader, const toml::table& table) {
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
    if (!node.keys.emplace(id, reader.key(key_table)).second) {
      reader.fail(key_table.source(), "key id " + std::to_string(id) + " twice");
    }
  }
  return node;
}

}  // namespace

Config parse_config(std::string_view text, const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw ConfigError(name + ":" + std::to_string(e.source().begin.line) + ":" +
                      std::to_string(e.source().begin.column) + ": " +
                      std::string(e.description()));
  }
  const Reader reader(name);
  reader.only(root, {"handoff", "metrics", "node"}, "the file");
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
  if (const toml::node* node = root.get("metrics"); node != nullptr && !node->is_table()) {
    reader.fail(node->source(), "metrics is a table: [metrics] listen = \"ADDR:PORT\"");
  }
  if (const toml::table* metrics = root["metrics"].as_table()) {
    reader.only(*metrics, {"listen"}, "[metrics]");
    config.metrics_listen = reader.endpoint(*metrics, "listen", true);
  }
  const toml::node* nodes = root.get("node");
  if (nodes != nullptr && !nodes->is_array_of_tables()) {
    reader.fail(nodes->source(), "nodes are [[node]] tables");
  }
  std::set<std::uint32_t> ids;
  std::set<genl::Endpoint> addresses;
  if (nodes != nullptr) {
    for (const toml::node& entry : *nodes->as_array()) {
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
  return config;
}

Config read_config_file(const std::string& path) {
  std::ifstream file(path);
  std::stringstream contents;
  contents << file.rdbuf();
  if (!file) {
    throw ConfigError(path + ": cannot read the file");
  }
  return parse_config(contents.str(), path);
}

}  // namespace knits::knitsd
