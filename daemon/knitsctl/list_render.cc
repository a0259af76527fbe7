// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsctl/list_render.h"

#include <array>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "knits.h"
#include "names/knits_names.h"
#include "names/state_names.h"

namespace knits::ctl {
namespace {

// ipvsadm's widths: the first column is 33 wide, a member's address 28.
constexpr int kServiceWidth = 33;
constexpr int kMemberWidth = 28;

// ipvsadm's order of the --stats and --rate columns.
constexpr std::array kStatColumns{KNITS_STAT_CONNS, KNITS_STAT_PACKETS_IN, KNITS_STAT_PACKETS_OUT,
                                  KNITS_STAT_BYTES_IN, KNITS_STAT_BYTES_OUT};
constexpr std::array<std::string_view, kStatColumns.size()> kStatTitles{
    "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes"};
constexpr std::array<std::string_view, kStatColumns.size()> kRateTitles{"CPS", "InPPS", "OutPPS",
                                                                        "InBPS", "OutBPS"};

std::string service_name(const genl::Service& service) {
  return names::protocol_name(service.protocol) + "  " + genl::to_string(service.vip);
}

// ipvsadm's member columns, with State in place of Forward (knits only
// NATs): Weight, State, ActiveConn, InActConn.
constexpr std::string_view kMemberColumns = "  -> {:<{}} {:<6} {:<8} {:<10} {}\n";

std::string settings_header() {
  return "Prot LocalAddress:Port Scheduler Flags\n" +
         fmt::format(kMemberColumns, "RemoteAddress:Port", kMemberWidth, "Weight", "State",
                     "ActiveConn", "InActConn");
}

std::string settings_service(const genl::Service& service) {
  std::string line = service_name(service) + " " + service.sched;
  if (service.sched == "mh") {
    line += " table-size " + std::to_string(service.mh_table_size);
  }
  return line + "\n";
}

std::string settings_member(const genl::Member& member) {
  const std::uint32_t inactive =
      member.conns > member.active_conns ? member.conns - member.active_conns : 0;
  return fmt::format(kMemberColumns, genl::to_string(member.endpoint), kMemberWidth, member.weight,
                     names::member_state_name(member.state), member.active_conns, inactive);
}

std::string counters_header(ListView view) {
  const auto& titles = view == ListView::kRates ? kRateTitles : kStatTitles;
  std::string out = fmt::format("{:<{}}", "Prot LocalAddress:Port", kServiceWidth);
  for (const std::string_view title : titles) {
    out += fmt::format(" {:>8}", title);
  }
  return out + "\n  -> RemoteAddress:Port\n";
}

std::string counters(const genl::CounterMap& stats, bool exact) {
  std::string out;
  for (const auto id : kStatColumns) {
    const auto found = stats.find(static_cast<std::uint16_t>(id));
    out += ipvsadm_number(found == stats.end() ? 0 : found->second, exact);
  }
  return out + "\n";
}

nlohmann::ordered_json stats_json(const genl::CounterMap& stats) {
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  for (const auto& [id, value] : stats) {
    json[names::stat_name(id)] = value;
  }
  return json;
}

}  // namespace

std::string ipvsadm_number(std::uint64_t value, bool exact) {
  if (exact) {
    return fmt::format(" {:>8}", value);
  }
  constexpr std::uint64_t kThousand = 1000;
  constexpr std::uint64_t kMillion = kThousand * kThousand;
  constexpr std::uint64_t kBillion = kMillion * kThousand;
  constexpr std::uint64_t kTrillion = kBillion * kThousand;
  if (value < 100 * kMillion) {
    return fmt::format("{:>9}", value);
  }
  if (value < kBillion) {
    return fmt::format("{:>8}K", value / kThousand);
  }
  if (value < 100 * kBillion) {
    return fmt::format("{:>8}M", value / kMillion);
  }
  if (value < 100 * kTrillion) {
    return fmt::format("{:>8}G", value / kBillion);
  }
  return fmt::format("{:>8}T", value / kTrillion);
}

std::string list_text(const Listing& listing, ListView view, bool exact) {
  if (view == ListView::kSettings) {
    std::string out = settings_header();
    for (const ServiceEntry& entry : listing) {
      out += settings_service(entry.service);
      for (const genl::Member& member : entry.members) {
        out += settings_member(member);
      }
    }
    return out;
  }
  std::string out = counters_header(view);
  for (const ServiceEntry& entry : listing) {
    out += fmt::format("{:<{}}", service_name(entry.service), kServiceWidth);
    out += counters(entry.service.stats, exact);
    for (const genl::Member& member : entry.members) {
      out += fmt::format("  -> {:<{}}", genl::to_string(member.endpoint), kMemberWidth);
      out += counters(member.stats, exact);
    }
  }
  return out;
}

nlohmann::ordered_json list_json(const Listing& listing, ListView view) {
  const char* stats_key = view == ListView::kRates ? "rates" : "stats";
  nlohmann::ordered_json services = nlohmann::ordered_json::array();
  for (const ServiceEntry& entry : listing) {
    const genl::Service& service = entry.service;
    nlohmann::ordered_json members = nlohmann::ordered_json::array();
    for (const genl::Member& member : entry.members) {
      nlohmann::ordered_json json;
      json["member"] = genl::to_string(member.endpoint);
      json["weight"] = member.weight;
      json["state"] = names::member_state_name(member.state);
      json["conns"] = member.conns;
      json["active_conns"] = member.active_conns;
      json[stats_key] = stats_json(member.stats);
      members.push_back(std::move(json));
    }
    nlohmann::ordered_json json;
    json["vip"] = genl::to_string(service.vip);
    json["protocol"] = names::protocol_name(service.protocol);
    json["sched"] = service.sched;
    json["mh_table_size"] = service.mh_table_size;
    json["member_count"] = service.member_count;
    json["owner"] = names::owner_name(service.owner);
    json[stats_key] = stats_json(service.stats);
    json["members"] = std::move(members);
    services.push_back(std::move(json));
  }
  nlohmann::ordered_json json;
  json["services"] = std::move(services);
  return json;
}

}  // namespace knits::ctl
