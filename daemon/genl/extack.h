// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_EXTACK_H
#define KNITS_DAEMON_GENL_EXTACK_H

#include <linux/netlink.h>

#include <string>

namespace knits::genl {

// The NLMSGERR_ATTR_MSG text of an NLMSG_ERROR message or of the NLMSG_DONE
// of a failed dump (the whole message), or "" when the kernel attached none. libnl 3.7 does not
// decode extended acks, so this does.
[[nodiscard]] std::string extack_message(nlmsghdr* hdr);

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_EXTACK_H
