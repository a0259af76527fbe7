// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Requests as a node's sockets name them, for the hand-off tests: c1 from
// NODE:80 to the client, c2 from NODE:4001 to the target node.

#ifndef KNITS_TEST_GTEST_HANDOFF_REQUESTS_H
#define KNITS_TEST_GTEST_HANDOFF_REQUESTS_H

#include <cstdint>
#include <string>
#include <string_view>

#include "genl/endpoint.h"
#include "genl/splice.h"
#include "handoff/wire.h"

// @node is an address ("10.1.1.2", "[fd01::2]"); @client and @target are
// ADDR:PORT.
inline knits::genl::SpliceRequest node_splice(std::string_view node, std::string_view client,
                                              std::string_view target, std::uint64_t t,
                                              std::uint64_t s) {
  using knits::genl::parse_endpoint;
  const std::string at(node);
  return knits::genl::SpliceRequest{{parse_endpoint(at + ":80"), parse_endpoint(client)},
                                    {parse_endpoint(at + ":4001"), parse_endpoint(target)},
                                    t,
                                    s};
}

inline knits::handoff::Prepare node_prepare(std::string_view node, std::string_view client,
                                            std::string_view target) {
  using knits::genl::parse_endpoint;
  return knits::handoff::Prepare{
      {parse_endpoint(std::string(node) + ":80"), parse_endpoint(client)}, parse_endpoint(target)};
}

#endif  // KNITS_TEST_GTEST_HANDOFF_REQUESTS_H
