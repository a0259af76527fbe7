// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "handoff/key_toml.h"

#include <exception>
#include <string>

namespace knits::handoff {

Key read_key(const alrm::TomlReader& reader, const toml::table& table) {
  const bool inline_key = table.contains("key");
  if (inline_key == table.contains("key_file")) {
    reader.fail(table.source(), R"(a key has exactly one of "key" and "key_file")");
  }
  const toml::node& node = reader.string_node(table, inline_key ? "key" : "key_file");
  std::string text = node.as_string()->get();
  if (!inline_key) {
    try {
      text = alrm::read_file(text);
    } catch (const alrm::FileError&) {
      reader.fail(node.source(), "cannot read key file \"" + text + "\"");
    }
  }
  try {
    return parse_key(text);
  } catch (const std::exception& e) {
    reader.fail(node.source(), e.what());
  }
}

}  // namespace knits::handoff
