// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// libFuzzer target for knits-proxy's configuration reader
// (daemon/proxy/config.h). The input is one configuration file. The only
// exception the reader may throw is FileError, positioned; a
// configuration that reads holds to every rule the reader promises, and
// its content map sends any path to a configured node or to none.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "libalrm/toml_reader.h"
#include "proxy/config.h"
#include "toml_input.h"

namespace {

constexpr std::size_t kMaxInput = 1 << 16;
constexpr std::string_view kName = "fuzz.toml";

void check_config(const knits::proxy::ProxyConfig& config) {
  std::set<std::uint32_t> ids;
  for (const knits::proxy::ProxyNode& node : config.nodes) {
    CHECK(ids.insert(node.id).second);
    CHECK(node.address.port != 0);
  }
  CHECK(ids.contains(config.self));
  CHECK(config.listen.port != 0 && config.upstream.port != 0 && config.knitsd.port != 0);
  CHECK(config.limits.max_head >= 256 && config.limits.max_head <= (1U << 20U));
  CHECK(config.max_connections >= 1);
  for (const knits::proxy::PrefixRule& rule : config.prefixes) {
    CHECK(rule.prefix.starts_with('/'));
    CHECK(ids.contains(rule.node));
  }
  std::set<std::uint32_t> hashed;
  for (const std::uint32_t node : config.hash_nodes) {
    CHECK(ids.contains(node));
    CHECK(hashed.insert(node).second);
  }
  const knits::proxy::ContentMap map = knits::proxy::content_map(config);
  for (const std::string_view target : {"/", "/img/a", "http://h/x?y", "*"}) {
    const auto node = map.node_for(target);
    CHECK(!node || ids.contains(*node));
  }
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): libFuzzer's name
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) {
    return -1;
  }
  const auto text = knits::fuzz::exact_copy(data, size);
  try {
    check_config(
        knits::proxy::parse_proxy_config(std::string_view(text.get(), size), std::string(kName)));
  } catch (const knits::alrm::FileError& e) {
    CHECK(knits::fuzz::positioned(e.what(), kName));
  }
  return 0;
}
