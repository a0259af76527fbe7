// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_CLIENT_REQUEST_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_CLIENT_REQUEST_H

#include <string>
#include <string_view>
#include <vector>

namespace knits::testnode {

// One request of client mode: "GET:/path" or "POST:/path:@FILE".
struct ClientRequest {
  std::string method;
  std::string path;
  std::string body_file;  // POST only
};

// Throws std::invalid_argument with a message that quotes @spec.
[[nodiscard]] ClientRequest parse_client_request(std::string_view spec);

// Writes @requests to socket @fd back to back, bodies streamed from their
// files, the last one with Connection: close. Throws std::system_error or
// std::runtime_error.
void write_requests(int fd, const std::vector<ClientRequest>& requests, std::string_view host);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_CLIENT_REQUEST_H
