// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/service_parse.h"

#include <cstdint>

#include "genl/endpoint_attrs.h"
#include "genl/reply_attrs.h"
#include "knits.h"

namespace knits::genl {

Service parse_service(nlmsghdr* hdr) {
  const ReplyAttrs attrs =
      ReplyAttrs::of_message(hdr, KNITS_CMD_GET_SERVICE, KNITS_A_MAX, "service reply");
  const ReplyAttrs svc = attrs.nest(KNITS_A_SERVICE, "service", KNITS_SVC_A_MAX);
  Service service;
  service.vip = read_endpoint(svc, kKeyAttrs, "service");
  service.protocol = svc.u8(KNITS_SVC_A_PROTOCOL, "protocol");
  service.sched = svc.nul_string(KNITS_SVC_A_SCHED, "scheduler");
  service.mh_table_size = svc.u32(KNITS_SVC_A_MH_TABLE_SIZE, "mh table size");
  service.member_count = svc.u32(KNITS_SVC_A_MEMBERS, "member count");
  service.stats = svc.u64_nest(KNITS_SVC_A_STATS, "stats");
  // a module before ABI 5 has no owners: every service is an administrator's
  service.owner = svc.has(KNITS_SVC_A_OWNER) ? svc.u32(KNITS_SVC_A_OWNER, "owner")
                                             : std::uint32_t{KNITS_OWNER_NONE};
  return service;
}

Member parse_member(nlmsghdr* hdr) {
  const ReplyAttrs attrs =
      ReplyAttrs::of_message(hdr, KNITS_CMD_GET_MEMBER, KNITS_A_MAX, "member reply");
  const ReplyAttrs nest = attrs.nest(KNITS_A_MEMBER, "member", KNITS_MEMBER_A_MAX);
  Member member;
  member.endpoint = read_endpoint(nest, kKeyAttrs, "member");
  member.weight = nest.u32(KNITS_MEMBER_A_WEIGHT, "weight");
  member.state = nest.u8(KNITS_MEMBER_A_STATE, "state");
  member.conns = nest.u32(KNITS_MEMBER_A_CONNS, "connection count");
  member.active_conns = nest.u32(KNITS_MEMBER_A_ACTIVE_CONNS, "active connection count");
  member.stats = nest.u64_nest(KNITS_MEMBER_A_STATS, "stats");
  return member;
}

}  // namespace knits::genl
