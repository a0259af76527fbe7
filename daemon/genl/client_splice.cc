// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Client requests that hand a client's connection from one node to another,
// and ask first whether it could be (uapi/knits.h, "Splices").

#include <string>

#include "genl/knits_genl.h"
#include "genl/requests.h"
#include "genl/single_reply.h"
#include "genl/splice_parse.h"
#include "knits.h"

namespace knits::genl {

SpliceReply Client::splice(const SpliceRequest& request) {
  const std::string what =
      "splicing connection " + to_string(request.c1) + " onto " + to_string(request.c2);
  const Request msg = new_request(KNITS_CMD_SPLICE, Kind::kDo, what);
  put_splice(msg.get(), request);
  SingleReply<SpliceReply> reply(what, parse_splice);
  transact(msg.get(), what, [&reply](nlmsghdr* hdr) { reply.add(hdr); });
  return reply.take();
}

std::uint32_t Client::prepare(const SpliceConnection& c1) {
  const std::string what = "asking whether connection " + to_string(c1) + " can be spliced";
  const Request msg = new_request(KNITS_CMD_PREPARE, Kind::kDo, what);
  put_prepare(msg.get(), c1);
  SingleReply<std::uint32_t> reply(what, parse_prepare);
  transact(msg.get(), what, [&reply](nlmsghdr* hdr) { reply.add(hdr); });
  return reply.take();
}

}  // namespace knits::genl
