// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsctl/render.h"

#include <algorithm>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "names/knits_names.h"

namespace knits::ctl {

nlohmann::ordered_json status_json(const genl::Status& status) {
  nlohmann::ordered_json counters = nlohmann::ordered_json::object();
  for (const auto& [id, value] : status.counters) {
    counters[names::counter_name(id)] = value;
  }
  nlohmann::ordered_json json;
  json["version"] = status.version;
  json["abi_version"] = status.abi_version;
  json["hooks"] = names::hook_names(status.hooks);
  json["counters"] = std::move(counters);
  return json;
}

std::string status_text(const genl::Status& status) {
  const std::vector<std::string> hooks = names::hook_names(status.hooks);
  std::string out = fmt::format("{:<16}{}\n", "module version", status.version);
  out += fmt::format("{:<16}{}\n", "ABI version", status.abi_version);
  out += fmt::format("{:<16}{}\n", "hooks",
                     hooks.empty() ? "none" : fmt::format("{}", fmt::join(hooks, " ")));

  std::vector<std::pair<std::string, std::string>> rows;
  rows.reserve(status.counters.size() + 1);
  rows.emplace_back("COUNTER", "VALUE");
  for (const auto& [id, value] : status.counters) {
    rows.emplace_back(names::counter_name(id), std::to_string(value));
  }
  std::size_t name_width = 0;
  std::size_t value_width = 0;
  for (const auto& [name, value] : rows) {
    name_width = std::max(name_width, name.size());
    value_width = std::max(value_width, value.size());
  }
  out += '\n';
  for (const auto& [name, value] : rows) {
    out += fmt::format("{:<{}}  {:>{}}\n", name, name_width, value, value_width);
  }
  return out;
}

}  // namespace knits::ctl
