// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_CONN_PARSE_H
#define KNITS_DAEMON_GENL_CONN_PARSE_H

#include <linux/netlink.h>

#include "genl/conn.h"

namespace knits::genl {

// Decodes one message of a KNITS_CMD_GET_CONN dump (the whole netlink
// message). Throws Error(EBADMSG) for a message that breaks the layout of
// uapi/knits.h.
[[nodiscard]] Conn parse_conn(nlmsghdr* hdr);

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_CONN_PARSE_H
