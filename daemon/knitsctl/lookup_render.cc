// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsctl/lookup_render.h"

#include <utility>

namespace knits::ctl {

std::string lookup_text(const std::vector<LookupResult>& results) {
  std::string out;
  for (const LookupResult& result : results) {
    out += result.client;
    out += ' ';
    out += result.member ? genl::to_string(*result.member) : "-";
    out += '\n';
  }
  return out;
}

nlohmann::ordered_json lookup_json(const std::vector<LookupResult>& results) {
  nlohmann::ordered_json json = nlohmann::ordered_json::array();
  for (const LookupResult& result : results) {
    nlohmann::ordered_json entry;
    entry["client"] = result.client;
    entry["member"] = result.member ? nlohmann::ordered_json(genl::to_string(*result.member))
                                    : nlohmann::ordered_json(nullptr);
    json.push_back(std::move(entry));
  }
  return json;
}

}  // namespace knits::ctl
