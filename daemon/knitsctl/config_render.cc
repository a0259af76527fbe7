// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsctl/config_render.h"

#include <utility>
#include <vector>

#include <fmt/format.h>

#include "names/state_names.h"

namespace knits::ctl {

std::string config_text(const genl::Config& config) {
  std::string out = fmt::format("Conns: {}\nMax conns: {}\n", config.conns, config.max_conns);
  if (config.timeouts.empty()) {
    return out;
  }
  std::vector<std::string> states;
  std::vector<std::uint32_t> seconds;
  for (const auto& [state, timeout] : config.timeouts) {
    states.push_back(names::tcp_state_name(state));
    seconds.push_back(timeout);
  }
  return out + fmt::format("Timeout ({}): {}\n", fmt::join(states, " "), fmt::join(seconds, " "));
}

nlohmann::ordered_json config_json(const genl::Config& config) {
  nlohmann::ordered_json timeouts = nlohmann::ordered_json::object();
  for (const auto& [state, timeout] : config.timeouts) {
    timeouts[names::tcp_state_name(state)] = timeout;
  }
  nlohmann::ordered_json json;
  json["conns"] = config.conns;
  json["max_conns"] = config.max_conns;
  json["timeouts"] = std::move(timeouts);
  return json;
}

}  // namespace knits::ctl
