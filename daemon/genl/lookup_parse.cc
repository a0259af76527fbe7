// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/lookup_parse.h"

#include "genl/endpoint_attrs.h"
#include "genl/reply_attrs.h"
#include "knits.h"

namespace knits::genl {

Endpoint parse_lookup(nlmsghdr* hdr) {
  const ReplyAttrs attrs =
      ReplyAttrs::of_message(hdr, KNITS_CMD_LOOKUP, KNITS_A_MAX, "lookup reply");
  return read_endpoint(attrs.nest(KNITS_A_MEMBER, "member", KNITS_MEMBER_A_MAX), kKeyAttrs,
                       "member");
}

}  // namespace knits::genl
