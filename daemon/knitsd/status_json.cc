// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsd/status_json.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "genl/endpoint.h"
#include "handoff/status.h"
#include "libalrm/reconcile.h"

namespace knits::knitsd {
namespace {

nlohmann::json answers_json(const std::map<std::uint32_t, std::uint64_t>& answers) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [status, n] : answers) {
    out[handoff::status_name(status)] = n;
  }
  return out;
}

}  // namespace

nlohmann::json daemon_status(const std::string& config_path, const Config& config,
                             const ServiceKeeper& keeper, const Counters& counters) {
  nlohmann::json nodes = nlohmann::json::array();
  for (const NodeConfig& node : config.nodes) {
    std::vector<std::uint32_t> keys;
    for (const auto& [id, key] : node.keys) {
      keys.push_back(id);
    }
    nodes.push_back(
        {{"id", node.id}, {"address", genl::address_to_string(node.address)}, {"keys", keys}});
  }
  std::vector<std::string> managed;
  for (const genl::Endpoint& vip : keeper.managed()) {
    managed.push_back(genl::to_string(vip));
  }
  // what applying the configuration now would change: nothing when the
  // module has the services as the configuration says
  std::vector<std::string> pending;
  for (const alrm::Step& step : keeper.pending(config.descriptor)) {
    pending.push_back(step.to_string());
  }
  nlohmann::json dropped = nlohmann::json::object();
  for (std::size_t i = 0; i < counters.drops.size(); i++) {
    dropped[std::string(drop_name(static_cast<Drop>(i)))] = counters.drops.at(i);
  }
  return {
      {"config", config_path},
      {"nodes", nodes},
      {"services", {{"managed", managed}, {"in_sync", pending.empty()}, {"pending", pending}}},
      {"requests",
       {{"dropped", dropped},
        {"resent", counters.resent},
        {"splice_answers", answers_json(counters.splice_answers)},
        {"prepare_answers", answers_json(counters.prepare_answers)}}},
  };
}

}  // namespace knits::knitsd
