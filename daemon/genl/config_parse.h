// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_CONFIG_PARSE_H
#define KNITS_DAEMON_GENL_CONFIG_PARSE_H

#include <linux/netlink.h>

#include "genl/config.h"

namespace knits::genl {

// Decodes a KNITS_CMD_GET_CONFIG reply (the whole netlink message). Throws
// Error(EBADMSG) for a reply that breaks the layout of uapi/knits.h.
[[nodiscard]] Config parse_config(nlmsghdr* hdr);

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_CONFIG_PARSE_H
