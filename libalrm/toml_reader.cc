// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "libalrm/toml_reader.h"

#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

#include "genl/config.h"
#include "genl/endpoint.h"
#include "genl/hex.h"

namespace knits::alrm {
namespace {

std::string position(const std::string& name, const toml::source_position& where) {
  return name + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

std::string quoted(std::string_view key) { return "\"" + std::string(key) + "\""; }

}  // namespace

toml::table parse_toml(std::string_view text, const std::string& name) {
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw FileError(position(name, e.source().begin) + ": " + std::string(e.description()));
  }
}

std::string read_file(const std::string& path) {
  // A directory opens and reads as empty: it would pass for a file that
  // describes nothing.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw FileError(path + ": cannot read the file (a directory)");
  }
  std::ifstream file(path);
  std::stringstream contents;
  contents << file.rdbuf();
  if (!file) {
    throw FileError(path + ": cannot read the file");
  }
  return contents.str();
}

void TomlReader::fail(const toml::source_region& where, const std::string& what) const {
  throw FileError(position(name_, where.begin) + ": " + what);
}

void TomlReader::only(const toml::table& table, std::initializer_list<std::string_view> known,
                      std::string_view where) const {
  for (const auto& [key, value] : table) {
    bool found = false;
    for (std::string_view k : known) {
      found = found || key.str() == k;
    }
    if (!found) {
      fail(key.source(), "unknown key " + quoted(key.str()) + " in " + std::string(where));
    }
  }
}

std::int64_t TomlReader::integer(const toml::table& table, std::string_view key, std::int64_t lo,
                                 std::int64_t hi, std::optional<std::int64_t> fallback) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (!fallback) {
      fail(table.source(), "missing " + quoted(key));
    }
    return *fallback;
  }
  const auto* value = node->as_integer();
  if (value == nullptr) {
    fail(node->source(), quoted(key) + " must be an integer");
  }
  if (value->get() < lo || value->get() > hi) {
    fail(node->source(),
         quoted(key) + " must be in " + std::to_string(lo) + ".." + std::to_string(hi));
  }
  return value->get();
}

const toml::node& TomlReader::string_node(const toml::table& table, std::string_view key) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    fail(table.source(), "missing " + quoted(key));
  }
  if (!node->is_string()) {
    fail(node->source(), quoted(key) + " must be a string");
  }
  return *node;
}

std::string TomlReader::choice(const toml::table& table, std::string_view key,
                               std::initializer_list<std::string_view> choices,
                               std::optional<std::string_view> fallback) const {
  if (!table.contains(key) && fallback) {
    return std::string(*fallback);
  }
  const toml::node& node = string_node(table, key);
  const std::string& value = node.as_string()->get();
  std::string all;
  for (std::string_view c : choices) {
    if (value == c) {
      return value;
    }
    all += (all.empty() ? "" : ", ") + std::string(c);
  }
  fail(node.source(), quoted(key) + " must be one of " + all);
}

genl::Endpoint TomlReader::endpoint(const toml::table& table, std::string_view key,
                                    bool with_port) const {
  const toml::node& node = string_node(table, key);
  const std::string& text = node.as_string()->get();
  genl::AddressAndPort parsed;
  try {
    if (with_port) {
      return genl::parse_endpoint(text);
    }
    parsed = genl::parse_address_and_optional_port(text);
  } catch (const std::exception& e) {
    fail(node.source(), e.what());
  }
  if (parsed.has_port) {
    fail(node.source(), quoted(key) + " is an address without a port");
  }
  return parsed.endpoint;
}

const toml::array* TomlReader::tables(const toml::table& table, std::string_view key,
                                      std::string_view header) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return nullptr;
  }
  if (!node->is_array_of_tables()) {
    fail(node->source(), quoted(key) + " must be " + std::string(header) + " tables");
  }
  return node->as_array();
}

genl::HashKey TomlReader::hash_key(const toml::table& table, std::string_view key) const {
  const toml::node& node = string_node(table, key);
  genl::HashKey out{};
  try {
    genl::parse_hex_key(node.as_string()->get(), out, "hash key");
  } catch (const std::invalid_argument& e) {
    fail(node.source(), e.what());
  }
  return out;
}

const toml::table* TomlReader::table(const toml::table& parent, std::string_view key,
                                     std::string_view header) const {
  const toml::node* node = parent.get(key);
  if (node == nullptr) {
    return nullptr;
  }
  if (!node->is_table()) {
    fail(node->source(), quoted(key) + " must be a table, " + std::string(header));
  }
  return node->as_table();
}

}  // namespace knits::alrm
