// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Which node holds the content a request asks for: the node proxy's
// decision of where a request is served. A path prefix names its node
// (the longest matching prefix wins); a path no prefix names goes to one
// of the hashing nodes by rendezvous hashing of the path, so that every
// node's proxy, with the same map, sends a path to the same node, and a
// node added or removed moves only the paths it gains or had.

#ifndef KNITS_DAEMON_PROXY_CONTENT_MAP_H
#define KNITS_DAEMON_PROXY_CONTENT_MAP_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "genl/config.h"

namespace knits::proxy {

struct PrefixRule {
  // compared with the request's path byte for byte, undecoded
  std::string prefix;
  std::uint32_t node = 0;
};

class ContentMap {
 public:
  // @hash_nodes: the nodes paths without a prefix are spread over (none:
  // such a path has no node); @key: the hash's key, the same on every
  // node.
  ContentMap(std::vector<PrefixRule> prefixes, std::vector<std::uint32_t> hash_nodes,
             const genl::HashKey& key);

  // The node for a request target (origin form "/a/b?q", or absolute
  // form "http://host/a/b"), or nullopt.
  [[nodiscard]] std::optional<std::uint32_t> node_for(std::string_view target) const;

 private:
  std::vector<PrefixRule> prefixes_;  // longest first
  std::vector<std::uint32_t> hash_nodes_;
  genl::HashKey key_;
};

// A target's path: without the query and fragment, and without the
// scheme and authority of the absolute form ("" when it has none).
[[nodiscard]] std::string_view path_of(std::string_view target);

}  // namespace knits::proxy

#endif  // KNITS_DAEMON_PROXY_CONTENT_MAP_H
