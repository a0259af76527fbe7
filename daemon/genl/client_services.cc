// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Client requests on services (uapi/knits.h, "Services and members").

#include <string>

#include "genl/knits_genl.h"
#include "genl/requests.h"
#include "genl/service_parse.h"
#include "knits.h"

namespace knits::genl {

void Client::new_service(const Endpoint& vip, const ServiceSettings& settings) {
  const std::string what = "adding service " + to_string(vip);
  const Request request = new_request(KNITS_CMD_NEW_SERVICE, Kind::kDo, what);
  put_service(request.get(), vip, settings);
  transact(request.get(), what);
}

void Client::set_service(const Endpoint& vip, const ServiceSettings& changes) {
  const std::string what = "changing service " + to_string(vip);
  const Request request = new_request(KNITS_CMD_SET_SERVICE, Kind::kDo, what);
  put_service(request.get(), vip, changes);
  transact(request.get(), what);
}

void Client::del_service(const Endpoint& vip) {
  const std::string what = "deleting service " + to_string(vip);
  const Request request = new_request(KNITS_CMD_DEL_SERVICE, Kind::kDo, what);
  put_service(request.get(), vip);
  transact(request.get(), what);
}

std::vector<Service> Client::get_services() {
  constexpr std::string_view kWhat = "listing services";
  std::vector<Service> services;
  transact(new_request(KNITS_CMD_GET_SERVICE, Kind::kDump, kWhat).get(), kWhat,
           [&services](nlmsghdr* hdr) { services.push_back(parse_service(hdr)); });
  return services;
}

}  // namespace knits::genl
