// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knits-proxy's configuration (daemon/proxy/config.h): a full file reads
// into the values it says and its content map decides as it says; every
// mistake names file:line:column.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "genl/endpoint.h"
#include "libalrm/toml_reader.h"
#include "proxy/config.h"

namespace {

using knits::genl::parse_endpoint;
using knits::proxy::parse_proxy_config;
using knits::proxy::ProxyConfig;

constexpr std::string_view kFull = R"([proxy]
listen = "0.0.0.0:80"
self = 2
upstream = "127.0.0.1:8080"
max_head = 8192
max_body = 1048576
max_connections = 500
idle_timeout_ms = 5000

[gateway]
knitsd = "10.1.2.1:7413"
key_id = 3
key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

[[node]]
id = 1
address = "10.1.1.2:80"
[[node]]
id = 2
address = "10.1.2.2:80"
[[node]]
id = 3
address = "10.1.3.2:80"

[content]
hash_key = "00112233445566778899aabbccddeeff"
hash_nodes = [1, 3]
  [[content.prefix]]
  prefix = "/img/"
  node = 2
)";

// The message of the FileError @text gives.
std::string error_of(std::string_view text) {
  try {
    (void)parse_proxy_config(text, "proxy.toml");
  } catch (const knits::alrm::FileError& e) {
    return e.what();
  }
  return "no error";
}

// kFull with @from replaced by @to (once).
std::string changed(std::string_view from, std::string_view to) {
  std::string text(kFull);
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(ProxyConfig, AFullFileReadsIntoItsValues) {
  const ProxyConfig config = parse_proxy_config(kFull, "proxy.toml");
  EXPECT_EQ(config.listen, parse_endpoint("0.0.0.0:80"));
  EXPECT_EQ(config.self, 2U);
  EXPECT_EQ(config.upstream, parse_endpoint("127.0.0.1:8080"));
  EXPECT_EQ(config.limits.max_head, 8192U);
  EXPECT_EQ(config.limits.max_body, 1048576U);
  EXPECT_EQ(config.max_connections, 500U);
  EXPECT_EQ(config.idle_timeout, std::chrono::milliseconds(5000));
  EXPECT_EQ(config.knitsd, parse_endpoint("10.1.2.1:7413"));
  EXPECT_EQ(config.key_id, 3U);
  EXPECT_EQ(config.key[1], 1U);
  ASSERT_EQ(config.nodes.size(), 3U);
  EXPECT_EQ(config.nodes[2].address, parse_endpoint("10.1.3.2:80"));
  EXPECT_EQ(config.hash_nodes, (std::vector<std::uint32_t>{1, 3}));
  EXPECT_EQ(config.hash_key[1], 0x11U);
  const knits::proxy::ContentMap map = knits::proxy::content_map(config);
  EXPECT_EQ(map.node_for("/img/a.png"), 2U);
  const std::uint32_t hashed = *map.node_for("/doc/x");
  EXPECT_TRUE(hashed == 1 || hashed == 3) << hashed;
}

TEST(ProxyConfig, TheDefaultsAreTheDocumentedOnes) {
  const ProxyConfig config = parse_proxy_config(R"([proxy]
listen = "0.0.0.0:80"
self = 1
upstream = "127.0.0.1:8080"
[gateway]
knitsd = "10.1.1.1:7413"
key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
[[node]]
id = 1
address = "10.1.1.2:80"
)",
                                                "proxy.toml");
  EXPECT_EQ(config.limits.max_head, 16384U);
  EXPECT_EQ(config.limits.max_body, std::uint64_t{64} << 20U);
  EXPECT_EQ(config.max_connections, 1024U);
  EXPECT_EQ(config.idle_timeout, std::chrono::milliseconds(30000));
  EXPECT_EQ(config.key_id, 1U);
  EXPECT_TRUE(config.prefixes.empty());
  EXPECT_TRUE(config.hash_nodes.empty());
}

TEST(ProxyConfig, EveryMistakeSaysWhere) {
  EXPECT_EQ(error_of(changed("[proxy]\n", "[proxy]\nlisten_on = 1\n")),
            "proxy.toml:2:1: unknown key \"listen_on\" in [proxy]");
  EXPECT_EQ(error_of(changed("self = 2", "self = 4")), "proxy.toml:1:1: self = 4 is no [[node]]");
  EXPECT_EQ(error_of(changed("max_head = 8192", "max_head = 255")),
            "proxy.toml:5:12: \"max_head\" must be in 256..1048576");
  EXPECT_EQ(error_of(changed("id = 3\naddress", "id = 1\naddress")),
            "proxy.toml:21:1: node id 1 twice");
  EXPECT_EQ(error_of(changed("10.1.3.2:80", "10.1.1.2:80")),
            "proxy.toml:21:1: node address 10.1.1.2:80 twice");
  EXPECT_EQ(error_of(changed("prefix = \"/img/\"", "prefix = \"img/\"")),
            "proxy.toml:29:12: a prefix is a path: it starts with /");
  EXPECT_EQ(error_of(changed("node = 2\n", "node = 9\n")),
            "proxy.toml:28:3: node 9 is no [[node]]");
  EXPECT_EQ(error_of(changed("[1, 3]", "[1, 9]")),
            "proxy.toml:27:18: hash_nodes holds ids of [[node]]s");
  EXPECT_EQ(error_of(changed("[1, 3]", "[1, 1]")), "proxy.toml:27:18: node 1 twice in hash_nodes");
  EXPECT_EQ(error_of(changed("[1, 3]", "[]")),
            "proxy.toml:27:14: hash_nodes is a list of node ids: [1, 2, 3]");
  EXPECT_EQ(error_of(changed("hash_key = \"00112233445566778899aabbccddeeff\"\n", "")),
            "proxy.toml:25:1: hash_nodes needs hash_key, the same on every node (openssl rand "
            "-hex 16)");
  const std::string gateway =
      "[gateway]\nknitsd = \"10.1.2.1:7413\"\nkey_id = 3\n"
      "key = \"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\"\n";
  EXPECT_EQ(error_of(changed(gateway, "")), "proxy.toml:1:1: missing table [gateway]");
  EXPECT_EQ(error_of("[proxy]\nlisten = \"0.0.0.0:80\"\n"), "proxy.toml:1:1: missing \"self\"");
}

TEST(ProxyConfig, LimitsAreTakenAtTheirBoundsAndRefusedBeyond) {
  EXPECT_EQ(
      parse_proxy_config(changed("max_head = 8192", "max_head = 256"), "p.toml").limits.max_head,
      256U);
  EXPECT_EQ(parse_proxy_config(changed("max_head = 8192", "max_head = 1048576"), "p.toml")
                .limits.max_head,
            1048576U);
  EXPECT_EQ(error_of(changed("max_head = 8192", "max_head = 1048577")),
            "proxy.toml:5:12: \"max_head\" must be in 256..1048576");
  EXPECT_EQ(
      parse_proxy_config(changed("max_body = 1048576", "max_body = 0"), "p.toml").limits.max_body,
      0U);
  EXPECT_EQ(error_of(changed("max_connections = 500", "max_connections = 0")),
            "proxy.toml:7:19: \"max_connections\" must be in 1..1048576");
  EXPECT_EQ(error_of(changed("idle_timeout_ms = 5000", "idle_timeout_ms = 99")),
            "proxy.toml:8:19: \"idle_timeout_ms\" must be in 100..3600000");
}

TEST(ProxyConfig, AKeyIsInlineOrInAFileAndNeverBoth) {
  const std::string both = changed("key_id = 3\n", "key_id = 3\nkey_file = \"/nonexistent\"\n");
  EXPECT_EQ(error_of(both), "proxy.toml:10:1: a key has exactly one of \"key\" and \"key_file\"");
  const std::string missing_file =
      changed("key = \"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\"",
              "key_file = \"/nonexistent/node.key\"");
  EXPECT_EQ(error_of(missing_file),
            "proxy.toml:13:12: cannot read key file \"/nonexistent/node.key\"");
}

}  // namespace
