// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The listener of serve mode: one detached thread per accepted connection.

#include "testnode/serve.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <exception>
#include <string>
#include <thread>
#include <utility>

#include "posix/unique_fd.h"
#include "testnode/connection.h"
#include "testnode/log.h"
#include "testnode/socket_address.h"
#include "testnode/sys_error.h"

namespace knits::testnode {
namespace {

UniqueFd listen_dual_stack(std::uint16_t port) {
  UniqueFd fd(::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) {
    throw_errno("socket");
  }
  const int on = 1;
  const int off = 0;
  if (setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0 ||
      setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off)) != 0) {
    throw_errno("setsockopt");
  }
  SocketAddress any;
  any.addr.v6.sin6_family = AF_INET6;
  any.addr.v6.sin6_addr = in6addr_any;
  any.addr.v6.sin6_port = htons(port);
  any.size = sizeof(sockaddr_in6);
  if (bind(fd.get(), &any.addr.any, any.size) != 0) {
    throw_errno("bind to port " + std::to_string(port));
  }
  if (listen(fd.get(), SOMAXCONN) != 0) {
    throw_errno("listen");
  }
  return fd;
}

void run_connection(UniqueFd fd, const ServeOptions& options) {
  try {
    serve_connection(std::move(fd), options);
  } catch (const std::exception& e) {
    log_line(node_name(options.self) + " connection error: " + e.what());
  }
}

}  // namespace

std::string node_name(std::uint32_t id) { return "n" + std::to_string(id); }

int serve(const ServeOptions& options) {
  const std::string name = node_name(options.self);
  UniqueFd listener;
  try {
    listener = listen_dual_stack(options.listen_port);
    log_line(name + " listening on " + to_string(local_address(listener.get())));
  } catch (const std::exception& e) {
    log_line(name + " cannot listen: " + e.what());
    return 1;
  }
  for (;;) {
    UniqueFd fd(accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!fd.valid()) {
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        log_line(name + " accept: " + std::generic_category().message(errno));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      continue;
    }
    // Connection threads use `options` until they end: it lives as long as
    // the process, since this function never returns after listening.
    std::thread(run_connection, std::move(fd), std::cref(options)).detach();
  }
}

}  // namespace knits::testnode
