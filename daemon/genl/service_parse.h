// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_SERVICE_PARSE_H
#define KNITS_DAEMON_GENL_SERVICE_PARSE_H

#include <linux/netlink.h>

#include "genl/service.h"

namespace knits::genl {

// Decode one message of a KNITS_CMD_GET_SERVICE or KNITS_CMD_GET_MEMBER
// dump (the whole netlink message). Throw Error(EBADMSG) for a message that
// breaks the layout of uapi/knits.h.
[[nodiscard]] Service parse_service(nlmsghdr* hdr);
[[nodiscard]] Member parse_member(nlmsghdr* hdr);

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_SERVICE_PARSE_H
