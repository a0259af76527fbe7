// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_CLIENT_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_CLIENT_H

#include <chrono>
#include <string>
#include <vector>

#include "testnode/client_request.h"
#include "testnode/socket_address.h"

namespace knits::testnode {

// All of client mode, connect to close, must fit in this.
constexpr std::chrono::seconds kClientTimeout{60};

struct ClientOptions {
  SocketAddress server;
  std::string host;  // the Host field: --connect as given
  std::string out_dir;
  std::vector<ClientRequest> requests;
};

// Sends every request on one connection, pipelined, and reads the
// responses in order: body i goes to out_dir/i, and one JSON line per
// response to stdout. Returns the exit status: 0 if every response came
// whole with status 200 and the server then closed cleanly, 1 otherwise
// (with a message on stderr).
int run_client(const ClientOptions& options);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_CLIENT_H
