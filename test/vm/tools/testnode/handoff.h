// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_HANDOFF_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_HANDOFF_H

#include <chrono>

#include "testnode/counted_socket.h"
#include "testnode/http_request.h"
#include "testnode/serve.h"
#include "testnode/socket_address.h"

namespace knits::testnode {

// How long a hand-off waits for end-of-file on c1 (from the gateway's
// synthesized FIN) and on c2 after closing it.
constexpr std::chrono::seconds kHandoffEofTimeout{30};

// Hands the rest of client connection @c1, from @request (not consumed)
// on, to the node at @target, as ARCHITECTURE.md section 3.1 describes:
// opens c2 with c1's MSS, asks the gateway through options.splicer with
// c1, c2, T and S, then forwards every client byte from T on to c2 until
// c1 ends at P. Logs every outcome. Returns true once the splice was made
// (both connections are then closed or given up), false if it was not:
// c1 is then untouched and this node carries on serving it.
bool hand_off(CountedSocket& c1, const Request& request, const SocketAddress& target,
              const ServeOptions& options);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_HANDOFF_H
