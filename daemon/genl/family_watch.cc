// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/family_watch.h"

#include <linux/genetlink.h>
#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "genl/error.h"

namespace knits::genl {
namespace {

struct Seen {
  std::string_view family;
  bool registered = false;
};

int on_valid(nl_msg* msg, void* arg) {
  Seen& seen = *static_cast<Seen*>(arg);
  seen.registered = seen.registered || announces_family(nlmsg_hdr(msg), seen.family);
  return NL_OK;
}

[[noreturn]] void fail(int nl_error, const std::string& what) {
  throw Error(EIO, "watching for the " + what + ": " + nl_geterror(nl_error));
}

}  // namespace

bool announces_family(nlmsghdr* hdr, std::string_view name) {
  if (hdr->nlmsg_type != GENL_ID_CTRL || genlmsg_valid_hdr(hdr, 0) == 0) {
    return false;
  }
  const auto* genl = static_cast<const genlmsghdr*>(nlmsg_data(hdr));
  if (genl->cmd != CTRL_CMD_NEWFAMILY) {
    return false;
  }
  std::array<nlattr*, CTRL_ATTR_MAX + 1> tb{};
  if (genlmsg_parse(hdr, 0, tb.data(), CTRL_ATTR_MAX, nullptr) != 0) {
    return false;
  }
  const nlattr* attr = tb.at(CTRL_ATTR_FAMILY_NAME);
  if (attr == nullptr || nla_len(attr) < 1) {
    return false;
  }
  const auto* text = static_cast<const char*>(nla_data(attr));
  // NLA_NUL_STRING: the name, then its NUL
  return std::string_view(text, strnlen(text, static_cast<std::size_t>(nla_len(attr)))) == name;
}

void FamilyWatch::SocketDeleter::operator()(nl_sock* sock) const noexcept { nl_socket_free(sock); }

FamilyWatch::FamilyWatch(std::string family)
    : family_(std::move(family)), sock_(nl_socket_alloc()) {
  const std::string what = "generic netlink family '" + family_ + "'";
  if (!sock_) {
    throw Error(ENOMEM, "watching for the " + what + ": no memory for a netlink socket");
  }
  // announcements are not answers to requests of ours
  nl_socket_disable_seq_check(sock_.get());
  if (const int err = genl_connect(sock_.get()); err < 0) {
    fail(err, what);
  }
  const int group = genl_ctrl_resolve_grp(sock_.get(), "nlctrl", "notify");
  if (group < 0) {
    fail(group, what);
  }
  if (const int err = nl_socket_add_membership(sock_.get(), group); err < 0) {
    fail(err, what);
  }
  if (const int err = nl_socket_set_nonblocking(sock_.get()); err < 0) {
    fail(err, what);
  }
}

int FamilyWatch::fd() const noexcept { return nl_socket_get_fd(sock_.get()); }

bool FamilyWatch::registered() {
  Seen seen{family_};
  nl_socket_modify_cb(sock_.get(), NL_CB_VALID, NL_CB_CUSTOM, on_valid, &seen);
  for (;;) {
    const int err = nl_recvmsgs_default(sock_.get());
    if (err == -NLE_AGAIN) {
      break;
    }
    if (err < 0) {
      // an overrun (ENOBUFS) loses announcements; anything else, too
      seen.registered = true;
      break;
    }
  }
  // leave no pointer to this frame in the socket
  nl_socket_modify_cb(sock_.get(), NL_CB_VALID, NL_CB_DEFAULT, nullptr, nullptr);
  return seen.registered;
}

}  // namespace knits::genl
