// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_LOCAL_SERVE_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_LOCAL_SERVE_H

#include <string_view>

#include "testnode/counted_socket.h"
#include "testnode/http_request.h"
#include "testnode/serve.h"

namespace knits::testnode {

// Answers @request, whose head is already consumed, on this node: GET sends
// the file docroot/PATH, POST the SHA-256 of the body, a request for a node
// nobody knows 404. Reads the request body first in every case. Returns
// whether the connection stays open for the next request.
bool serve_local(CountedSocket& c1, const Request& request, const ServeOptions& options);

// Answers 400 with Connection: close to a request that cannot be parsed,
// for @reason.
void answer_bad_request(CountedSocket& c1, std::string_view reason, const ServeOptions& options);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_LOCAL_SERVE_H
