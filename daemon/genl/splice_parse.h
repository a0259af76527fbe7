// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_SPLICE_PARSE_H
#define KNITS_DAEMON_GENL_SPLICE_PARSE_H

#include <linux/netlink.h>

#include <cstdint>

#include "genl/splice.h"

namespace knits::genl {

// Decodes a KNITS_CMD_SPLICE reply (the whole netlink message). A status
// this build does not know is kept; the switch point is read only when the
// status is KNITS_SPLICE_OK, which must carry one. Throws Error(EBADMSG) for
// a reply that breaks the layout of uapi/knits.h.
[[nodiscard]] SpliceReply parse_splice(nlmsghdr* hdr);

// Decodes a KNITS_CMD_PREPARE reply: its status (enum knits_splice_status,
// kept when this build does not know it). Throws Error(EBADMSG) as
// parse_splice() does.
[[nodiscard]] std::uint32_t parse_prepare(nlmsghdr* hdr);

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_SPLICE_PARSE_H
