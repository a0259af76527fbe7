// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_LOOKUP_PARSE_H
#define KNITS_DAEMON_GENL_LOOKUP_PARSE_H

#include <linux/netlink.h>

#include "genl/endpoint.h"

namespace knits::genl {

// Decodes a KNITS_CMD_LOOKUP reply (the whole netlink message) into the
// member it names. Throws Error(EBADMSG) for a reply that breaks the layout
// of uapi/knits.h.
[[nodiscard]] Endpoint parse_lookup(nlmsghdr* hdr);

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_LOOKUP_PARSE_H
