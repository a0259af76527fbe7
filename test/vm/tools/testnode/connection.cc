// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "testnode/connection.h"

#include <string>
#include <utility>

#include "posix/unique_fd.h"
#include "testnode/counted_socket.h"
#include "testnode/handoff.h"
#include "testnode/http_request.h"
#include "testnode/local_serve.h"
#include "testnode/log.h"
#include "testnode/serve.h"

namespace knits::testnode {

void serve_connection(UniqueFd fd, const ServeOptions& options) {
  CountedSocket c1(std::move(fd));
  const std::string name = node_name(options.self);
  for (;;) {
    const RequestParse parsed = parse_request(c1.buffer());
    switch (parsed.status) {
      case RequestStatus::kIncomplete:
        if (!c1.fill()) {
          if (!c1.buffer().empty()) {
            log_line(name + " peer closed in the middle of a request head (" +
                     std::to_string(c1.buffer().size()) + " bytes)");
          }
          return;
        }
        continue;
      case RequestStatus::kBad:
        answer_bad_request(c1, parsed.error, options);
        return;
      case RequestStatus::kDone:
        break;
    }
    const Request& request = parsed.request;
    if (request.node != options.self && options.nodes.contains(request.node) && options.splicer &&
        hand_off(c1, request, options.nodes.at(request.node), options)) {
      return;
    }
    c1.consume(request.head_size);
    if (!serve_local(c1, request, options)) {
      return;
    }
  }
}

}  // namespace knits::testnode
