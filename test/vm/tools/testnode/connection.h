// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_CONNECTION_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_CONNECTION_H

#include "posix/unique_fd.h"
#include "testnode/serve.h"

namespace knits::testnode {

// Reads pipelined requests from accepted connection @fd and serves them
// one after the other until the peer closes, a request asks to close, or a
// request for another node hands the rest of the connection off. Throws on
// socket errors.
void serve_connection(UniqueFd fd, const ServeOptions& options);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_CONNECTION_H
