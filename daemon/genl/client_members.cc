// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Client requests on the members of a service and on which member a client
// would get (uapi/knits.h, "Services and members").

#include <cerrno>
#include <string>

#include "genl/knits_genl.h"
#include "genl/lookup_parse.h"
#include "genl/requests.h"
#include "genl/service_parse.h"
#include "genl/single_reply.h"
#include "knits.h"

namespace knits::genl {
namespace {

std::string member_of(const Endpoint& vip, const Endpoint& member) {
  return "member " + to_string(member) + " of service " + to_string(vip);
}

}  // namespace

void Client::new_member(const Endpoint& vip, const Endpoint& member,
                        const MemberSettings& settings) {
  const std::string what = "adding " + member_of(vip, member);
  const Request request = new_request(KNITS_CMD_NEW_MEMBER, Kind::kDo, what);
  put_service(request.get(), vip);
  put_member(request.get(), member, settings);
  transact(request.get(), what);
}

void Client::set_member(const Endpoint& vip, const Endpoint& member,
                        const MemberSettings& changes) {
  const std::string what = "changing " + member_of(vip, member);
  const Request request = new_request(KNITS_CMD_SET_MEMBER, Kind::kDo, what);
  put_service(request.get(), vip);
  put_member(request.get(), member, changes);
  transact(request.get(), what);
}

void Client::del_member(const Endpoint& vip, const Endpoint& member) {
  const std::string what = "deleting " + member_of(vip, member);
  const Request request = new_request(KNITS_CMD_DEL_MEMBER, Kind::kDo, what);
  put_service(request.get(), vip);
  put_member(request.get(), member);
  transact(request.get(), what);
}

std::vector<Member> Client::get_members(const Endpoint& vip) {
  const std::string what = "listing the members of service " + to_string(vip);
  const Request request = new_request(KNITS_CMD_GET_MEMBER, Kind::kDump, what);
  put_service(request.get(), vip);
  std::vector<Member> members;
  transact(request.get(), what,
           [&members](nlmsghdr* hdr) { members.push_back(parse_member(hdr)); });
  return members;
}

std::optional<Endpoint> Client::lookup(const Endpoint& vip, const AddressAndPort& client) {
  const std::string what =
      "looking up client " + to_string(client) + " at service " + to_string(vip);
  const Request request = new_request(KNITS_CMD_LOOKUP, Kind::kDo, what);
  put_service(request.get(), vip);
  put_client(request.get(), client);
  SingleReply<Endpoint> reply(what, parse_lookup);
  try {
    transact(request.get(), what, [&reply](nlmsghdr* hdr) { reply.add(hdr); });
  } catch (const Error& e) {
    if (e.errnum() == ENODATA) {
      return std::nullopt;
    }
    throw;
  }
  return reply.take();
}

}  // namespace knits::genl
