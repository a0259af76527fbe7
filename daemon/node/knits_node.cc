// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "node/knits_node.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <exception>
#include <new>
#include <string>
#include <system_error>

#include "genl/endpoint.h"
#include "handoff/key.h"
#include "node/handoff_client.h"
#include "node/socket_endpoint.h"

struct knits_node {
  explicit knits_node(const knits::node::HandoffClientConfig& config) : client(config) {}
  knits::node::HandoffClient client;
};

namespace {

void say(char* err, std::size_t errlen, const std::string& what) {
  if (err != nullptr && errlen > 0) {
    std::snprintf(err, errlen, "%s", what.c_str());
  }
}

// Runs one exchange with knitsd and returns its status, or the C API's
// negative errno for what went wrong around it.
template <typename Exchange>
int status_of(Exchange&& exchange) {
  try {
    return static_cast<int>(exchange());
  } catch (const std::system_error& e) {
    // connection_of(): a socket that is not connected, or getsockname()
    return e.code().value() == ENOTCONN ? -ENOTCONN : -EIO;
  } catch (const knits::node::HandoffError&) {
    return -ETIMEDOUT;
  } catch (const std::exception&) {
    return -EIO;
  }
}

}  // namespace

extern "C" knits_node* knits_node_open(const char* gateway, std::uint32_t node_id,
                                       std::uint32_t key_id, const char* key_hex,
                                       unsigned int deadline_ms, char* err, std::size_t errlen) {
  if (gateway == nullptr || key_hex == nullptr) {
    say(err, errlen, "the gateway and the key are needed");
    return nullptr;
  }
  try {
    knits::node::HandoffClientConfig config;
    config.gateway = knits::genl::parse_endpoint(gateway);
    config.node_id = node_id;
    config.key_id = key_id;
    config.key = knits::handoff::parse_key(key_hex);
    if (deadline_ms != 0) {
      config.deadline = std::chrono::milliseconds(deadline_ms);
    }
    return new knits_node(config);
  } catch (const std::exception& e) {
    say(err, errlen, e.what());
    return nullptr;
  }
}

extern "C" int knits_node_splice(knits_node* node, int c1_fd, int c2_fd, std::uint64_t t,
                                 std::uint64_t s, std::uint64_t* p) {
  return status_of([&] {
    const knits::genl::SpliceRequest request{knits::node::connection_of(c1_fd),
                                             knits::node::connection_of(c2_fd), t, s};
    const knits::node::HandoffResult result = node->client.splice(request);
    if (p != nullptr) {
      *p = result.p;
    }
    return result.status;
  });
}

extern "C" int knits_node_prepare(knits_node* node, int c1_fd, const char* target) {
  knits::genl::Endpoint to;
  try {
    to = knits::genl::parse_endpoint(target != nullptr ? target : "");
  } catch (const std::exception&) {
    return -EINVAL;
  }
  return status_of([&] {
    return node->client.prepare(knits::handoff::Prepare{knits::node::connection_of(c1_fd), to})
        .status;
  });
}

extern "C" void knits_node_close(knits_node* node) { delete node; }
