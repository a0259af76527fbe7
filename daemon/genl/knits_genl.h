// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_KNITS_GENL_H
#define KNITS_DAEMON_GENL_KNITS_GENL_H

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "genl/error.h"
#include "genl/status.h"

struct nl_sock;
struct nl_msg;

namespace knits::genl {

// A connection to the "knits" generic netlink family. Requests act on the
// network namespace the object was created in. Every method throws Error.
class Client {
 public:
  // Connects and resolves the family. Throws Error(ENOENT) with a message
  // saying so when the knits module is not loaded.
  Client();

  [[nodiscard]] Status get_status();

  // Needs CAP_NET_ADMIN; throws Error(EPERM) without it.
  void reset_counters();

 private:
  struct SocketDeleter {
    void operator()(nl_sock* sock) const noexcept;
  };
  using ReplyHandler = std::function<void(nl_msg*)>;

  // Sends @cmd and reads until the kernel's ack, passing each reply message
  // to @on_reply. @what names the request in error messages.
  void transact(std::uint8_t cmd, std::string_view what, const ReplyHandler& on_reply);

  std::unique_ptr<nl_sock, SocketDeleter> sock_;
  int family_ = 0;
};

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_KNITS_GENL_H
