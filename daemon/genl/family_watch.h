// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Tells when a generic netlink family is registered: the controller's
// "notify" group announces CTRL_CMD_NEWFAMILY for every family a module
// registers (in every namespace, for a namespace-aware family such as
// knits). knitsd watches for "knits" to learn that the module was loaded
// again, with none of its services.

#ifndef KNITS_DAEMON_GENL_FAMILY_WATCH_H
#define KNITS_DAEMON_GENL_FAMILY_WATCH_H

#include <linux/netlink.h>

#include <memory>
#include <string>
#include <string_view>

struct nl_sock;

namespace knits::genl {

// Whether the netlink message @hdr is the controller's announcement of
// family @name being registered.
// (Not const: libnl's readers take non-const messages, though they only
// read.)
[[nodiscard]] bool announces_family(nlmsghdr* hdr, std::string_view name);

class FamilyWatch {
 public:
  // Joins the controller's notify group. Throws Error.
  explicit FamilyWatch(std::string family);

  // Readable when announcements are queued; for poll() or an event loop.
  [[nodiscard]] int fd() const noexcept;

  // Reads every queued announcement without blocking: true if one of them
  // registered the family, or if some were lost (the socket overran), as
  // then it cannot be known that none did.
  [[nodiscard]] bool registered();

 private:
  struct SocketDeleter {
    void operator()(nl_sock* sock) const noexcept;
  };

  std::string family_;
  std::unique_ptr<nl_sock, SocketDeleter> sock_;
};

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_FAMILY_WATCH_H
