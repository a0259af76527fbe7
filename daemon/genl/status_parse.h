// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_STATUS_PARSE_H
#define KNITS_DAEMON_GENL_STATUS_PARSE_H

#include <linux/netlink.h>

#include "genl/status.h"

namespace knits::genl {

// Decodes a KNITS_CMD_GET_STATUS reply (the whole netlink message). Throws
// Error(EBADMSG) for a reply that breaks the layout of uapi/knits.h: a client
// that cannot trust the reply must not print made-up numbers.
[[nodiscard]] Status parse_status(nlmsghdr* hdr);

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_STATUS_PARSE_H
