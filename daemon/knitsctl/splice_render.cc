// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsctl/splice_render.h"

#include "knits.h"
#include "names/knits_names.h"

namespace knits::ctl {

std::string splice_text(const genl::SpliceReply& reply) {
  if (reply.p) {
    return "P=" + std::to_string(*reply.p) + "\n";
  }
  // a prepare's answer: no switch point
  return reply.status == KNITS_SPLICE_OK ? "ok\n" : "";
}

nlohmann::ordered_json splice_json(const genl::SpliceReply& reply) {
  nlohmann::ordered_json json;
  json["status"] = names::splice_status_name(reply.status);
  if (reply.p) {
    json["p"] = *reply.p;
  }
  return json;
}

std::string splice_refusal(std::uint32_t status) {
  return "splice refused: " + names::splice_status_name(status) + " (" +
         names::splice_status_explanation(status) + ")";
}

}  // namespace knits::ctl
