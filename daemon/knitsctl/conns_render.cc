// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsctl/conns_render.h"

#include <netinet/in.h>

#include <utility>

#include <fmt/format.h>

#include "names/knits_names.h"
#include "names/state_names.h"

namespace knits::ctl {
namespace {

// Connections carry no protocol attribute: knits follows TCP only.
const std::string& conn_protocol() {
  static const std::string kName = names::protocol_name(IPPROTO_TCP);
  return kName;
}

std::string conn_line(std::string_view protocol, std::string_view expire, std::string_view state,
                      std::string_view client, std::string_view vip, std::string_view member) {
  return fmt::format("{:<3} {:<6} {:<11} {:<18} {:<18} {}\n", protocol, expire, state, client, vip,
                     member);
}

// ipvsadm truncates to whole seconds, and so do we.
std::string expire_text(std::uint32_t expires_ms) {
  constexpr std::uint32_t kMsPerSecond = 1000;
  constexpr std::uint32_t kSecondsPerMinute = 60;
  const std::uint32_t seconds = expires_ms / kMsPerSecond;
  return fmt::format("{:02}:{:02}", seconds / kSecondsPerMinute, seconds % kSecondsPerMinute);
}

}  // namespace

std::string conns_text(const std::vector<genl::Conn>& conns) {
  std::string out = "knits connection entries\n";
  out += conn_line("pro", "expire", "state", "source", "virtual", "destination");
  for (const genl::Conn& conn : conns) {
    out += conn_line(conn_protocol(), expire_text(conn.expires_ms),
                     names::tcp_state_name(conn.state), genl::to_string(conn.client),
                     genl::to_string(conn.vip), genl::to_string(conn.member));
  }
  return out;
}

nlohmann::ordered_json conns_json(const std::vector<genl::Conn>& conns) {
  nlohmann::ordered_json json = nlohmann::ordered_json::array();
  for (const genl::Conn& conn : conns) {
    nlohmann::ordered_json entry;
    entry["protocol"] = conn_protocol();
    entry["state"] = names::tcp_state_name(conn.state);
    entry["expires_ms"] = conn.expires_ms;
    entry["client"] = genl::to_string(conn.client);
    entry["vip"] = genl::to_string(conn.vip);
    entry["member"] = genl::to_string(conn.member);
    json.push_back(std::move(entry));
  }
  return json;
}

}  // namespace knits::ctl
