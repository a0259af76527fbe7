// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "proxy/content_map.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "libalrm/siphash.h"

namespace knits::proxy {

std::string_view path_of(std::string_view target) {
  if (const std::size_t scheme = target.find("://");
      scheme != std::string_view::npos && !target.starts_with('/')) {
    const std::size_t path = target.find('/', scheme + 3);
    target = path == std::string_view::npos ? std::string_view{} : target.substr(path);
  }
  return target.substr(0, target.find_first_of("?#"));
}

ContentMap::ContentMap(std::vector<PrefixRule> prefixes, std::vector<std::uint32_t> hash_nodes,
                       const genl::HashKey& key)
    : prefixes_(std::move(prefixes)), hash_nodes_(std::move(hash_nodes)), key_(key) {
  // the longest first; among equals the first given wins
  std::stable_sort(
      prefixes_.begin(), prefixes_.end(),
      [](const PrefixRule& a, const PrefixRule& b) { return a.prefix.size() > b.prefix.size(); });
}

std::optional<std::uint32_t> ContentMap::node_for(std::string_view target) const {
  const std::string_view path = path_of(target);
  for (const PrefixRule& rule : prefixes_) {
    if (path.starts_with(rule.prefix)) {
      return rule.node;
    }
  }
  // rendezvous hashing: the node whose hash of (node, path) is highest
  std::optional<std::uint32_t> best;
  std::uint64_t best_score = 0;
  std::vector<std::uint8_t> data(4 + path.size());
  std::copy(path.begin(), path.end(), data.begin() + 4);
  for (const std::uint32_t node : hash_nodes_) {
    data[0] = static_cast<std::uint8_t>(node >> 24U);
    data[1] = static_cast<std::uint8_t>(node >> 16U);
    data[2] = static_cast<std::uint8_t>(node >> 8U);
    data[3] = static_cast<std::uint8_t>(node);
    const std::uint64_t score = alrm::siphash24(key_, data);
    if (!best || score > best_score || (score == best_score && node < *best)) {
      best = node;
      best_score = score;
    }
  }
  return best;
}

}  // namespace knits::proxy
