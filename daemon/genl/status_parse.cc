// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/status_parse.h"

#include "genl/reply_attrs.h"
#include "knits.h"

namespace knits::genl {

Status parse_status(nlmsghdr* hdr) {
  const ReplyAttrs attrs =
      ReplyAttrs::of_message(hdr, KNITS_CMD_GET_STATUS, KNITS_A_MAX, "status reply");
  Status status;
  status.version = attrs.nul_string(KNITS_A_VERSION, "version");
  status.abi_version = attrs.u32(KNITS_A_ABI_VERSION, "ABI version");
  status.hooks = attrs.u32(KNITS_A_HOOKS, "hooks");
  status.counters = attrs.u64_nest(KNITS_A_COUNTERS, "counters");
  return status;
}

}  // namespace knits::genl
