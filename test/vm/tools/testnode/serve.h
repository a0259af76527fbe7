// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_SERVE_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_SERVE_H

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "testnode/socket_address.h"
#include "testnode/splicer.h"

namespace knits::testnode {

struct ServeOptions {
  std::uint16_t listen_port = 0;  // 0: any free port (logged)
  std::string docroot;
  std::uint32_t self = 0;                        // K
  std::map<std::uint32_t, SocketAddress> nodes;  // J -> where node J listens
  // asks the gateway for hand-offs; none: every request is served here
  std::shared_ptr<Splicer> splicer;
};

// The node's name in logs and X-Served-By: "nK".
[[nodiscard]] std::string node_name(std::uint32_t id);

// Listens on [::]:port, dual-stack, and serves each connection on its own
// thread. Returns only if listening fails: the exit status.
int serve(const ServeOptions& options);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_SERVE_H
