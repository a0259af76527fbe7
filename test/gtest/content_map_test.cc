// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Which node the node proxy sends a request to: prefixes first, the
// longest winning; then rendezvous hashing of the path, even and stable.

#include "proxy/content_map.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "genl/config.h"
#include "libalrm/siphash.h"

namespace {

using knits::proxy::ContentMap;
using knits::proxy::path_of;

knits::genl::HashKey key() {
  knits::genl::HashKey k{};
  for (std::size_t i = 0; i < k.size(); i++) {
    k.at(i) = static_cast<std::uint8_t>(i);
  }
  return k;
}

TEST(ContentMap, APathIsTheTargetWithoutQueryFragmentOrAuthority) {
  EXPECT_EQ(path_of("/a/b?x=1"), "/a/b");
  EXPECT_EQ(path_of("/a/b#top"), "/a/b");
  EXPECT_EQ(path_of("http://example.org/a/b?x"), "/a/b");
  EXPECT_EQ(path_of("http://example.org"), "");
  EXPECT_EQ(path_of("/a://b"), "/a://b");  // origin form, whatever it holds
  EXPECT_EQ(path_of("*"), "*");
}

TEST(ContentMap, TheLongestMatchingPrefixWins) {
  const ContentMap map({{"/img/", 1}, {"/img/big/", 2}, {"/", 3}}, {}, key());
  EXPECT_EQ(map.node_for("/img/a.png"), 1U);
  EXPECT_EQ(map.node_for("/img/big/a.png?s=1"), 2U);
  EXPECT_EQ(map.node_for("/index.html"), 3U);
  EXPECT_EQ(map.node_for("http://h/img/big/x"), 2U);
  // undecoded: %2F is not a slash
  EXPECT_EQ(map.node_for("/img%2Fbig/x"), 3U);
}

TEST(ContentMap, WithoutAPrefixOrHashingNodesAPathHasNoNode) {
  const ContentMap map({{"/a/", 1}}, {}, key());
  EXPECT_EQ(map.node_for("/b/x"), std::nullopt);
}

TEST(ContentMap, HashingPicksTheNodeOfTheHighestSipHashOfNodeAndPath) {
  const ContentMap map({}, {1, 2, 3}, key());
  const std::string path = "/objects/42";
  std::optional<std::uint32_t> want;
  std::uint64_t best = 0;
  for (const std::uint32_t node : {1U, 2U, 3U}) {
    std::vector<std::uint8_t> data{0, 0, 0, static_cast<std::uint8_t>(node)};
    data.insert(data.end(), path.begin(), path.end());
    const std::uint64_t score = knits::alrm::siphash24(key(), data);
    if (!want || score > best) {
      want = node;
      best = score;
    }
  }
  EXPECT_EQ(map.node_for(path + "?q=1"), want);
}

TEST(ContentMap, HashingSpreadsPathsEvenlyAndARemovedNodeMovesOnlyItsOwn) {
  const ContentMap three({}, {1, 2, 3}, key());
  const ContentMap two({}, {1, 3}, key());
  constexpr int kPaths = 30000;
  std::map<std::uint32_t, int> per_node;
  int moved_elsewhere = 0;
  for (int i = 0; i < kPaths; i++) {
    const std::string path = "/o/" + std::to_string(i);
    const std::uint32_t before = *three.node_for(path);
    per_node[before]++;
    const std::uint32_t after = *two.node_for(path);
    // a path of node 1 or 3 stays where it was
    if (before != 2 && after != before) {
      moved_elsewhere++;
    }
  }
  EXPECT_EQ(moved_elsewhere, 0);
  for (const std::uint32_t node : {1U, 2U, 3U}) {
    // a third each, within 3% of all paths
    EXPECT_NEAR(per_node[node], kPaths / 3.0, kPaths * 0.03) << "node " << node;
  }
}

}  // namespace
