// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/splice_parse.h"

#include "genl/reply_attrs.h"
#include "knits.h"

namespace knits::genl {

SpliceReply parse_splice(nlmsghdr* hdr) {
  const ReplyAttrs attrs =
      ReplyAttrs::of_message(hdr, KNITS_CMD_SPLICE, KNITS_A_MAX, "splice reply");
  const ReplyAttrs nest = attrs.nest(KNITS_A_SPLICE, "splice", KNITS_SPLICE_A_MAX);
  SpliceReply reply;
  reply.status = nest.u32(KNITS_SPLICE_A_STATUS, "status");
  if (reply.status == KNITS_SPLICE_OK) {
    reply.p = nest.u64(KNITS_SPLICE_A_P, "switch point P");
  }
  return reply;
}

std::uint32_t parse_prepare(nlmsghdr* hdr) {
  const ReplyAttrs attrs =
      ReplyAttrs::of_message(hdr, KNITS_CMD_PREPARE, KNITS_A_MAX, "prepare reply");
  return attrs.nest(KNITS_A_SPLICE, "prepare", KNITS_SPLICE_A_MAX)
      .u32(KNITS_SPLICE_A_STATUS, "status");
}

}  // namespace knits::genl
