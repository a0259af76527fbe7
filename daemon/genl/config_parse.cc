// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/config_parse.h"

#include <string>

#include "genl/reply_attrs.h"
#include "knits.h"

namespace knits::genl {

Config parse_config(nlmsghdr* hdr) {
  const ReplyAttrs attrs =
      ReplyAttrs::of_message(hdr, KNITS_CMD_GET_CONFIG, KNITS_A_MAX, "config reply");
  const ReplyAttrs nest = attrs.nest(KNITS_A_CONFIG, "config", KNITS_CFG_A_MAX);
  Config config;
  config.max_conns = nest.u32(KNITS_CFG_A_MAX_CONNS, "max conns");
  config.conns = nest.u32(KNITS_CFG_A_CONNS, "conns");
  // The ABI does not promise every timeout in each reply: show what came.
  for (const TimeoutAttr& timeout : timeout_attrs()) {
    if (nest.has(timeout.type)) {
      config.timeouts[timeout.state] =
          nest.u32(timeout.type, "timeout attribute " + std::to_string(timeout.type));
    }
  }
  return config;
}

}  // namespace knits::genl
