// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Client requests on connections and the namespace's configuration
// (uapi/knits.h, "Connections" and "Configuration").

#include "genl/config_parse.h"
#include "genl/conn_parse.h"
#include "genl/knits_genl.h"
#include "genl/requests.h"
#include "genl/single_reply.h"
#include "knits.h"

namespace knits::genl {

std::vector<Conn> Client::get_conns() {
  constexpr std::string_view kWhat = "listing connections";
  std::vector<Conn> conns;
  transact(new_request(KNITS_CMD_GET_CONN, Kind::kDump, kWhat).get(), kWhat,
           [&conns](nlmsghdr* hdr) { conns.push_back(parse_conn(hdr)); });
  return conns;
}

Config Client::get_config() {
  constexpr std::string_view kWhat = "getting the configuration";
  SingleReply<Config> reply(kWhat, parse_config);
  transact(new_request(KNITS_CMD_GET_CONFIG, Kind::kDo, kWhat).get(), kWhat,
           [&reply](nlmsghdr* hdr) { reply.add(hdr); });
  return reply.take();
}

void Client::set_config(const ConfigChange& change) {
  constexpr std::string_view kWhat = "changing the configuration";
  const Request request = new_request(KNITS_CMD_SET_CONFIG, Kind::kDo, kWhat);
  put_config(request.get(), change);
  transact(request.get(), kWhat);
}

}  // namespace knits::genl
