// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsctl/rate.h"

#include <cmath>
#include <map>
#include <stdexcept>

namespace knits::ctl {
namespace {

// Services and members are matched by address, in maps since a listing can
// hold 256 services of 1024 members each.
using StatsByEndpoint = std::map<genl::Endpoint, const genl::CounterMap*>;

const genl::CounterMap& stats_at(const StatsByEndpoint& index, const genl::Endpoint& key) {
  static const genl::CounterMap kNone;
  const auto found = index.find(key);
  return found == index.end() ? kNone : *found->second;
}

}  // namespace

genl::CounterMap per_second(const genl::CounterMap& before, const genl::CounterMap& after,
                            double seconds) {
  if (!(seconds > 0)) {
    throw std::invalid_argument("rates need a positive interval");
  }
  genl::CounterMap rates;
  for (const auto& [id, now] : after) {
    const auto old = before.find(id);
    const std::uint64_t then = old == before.end() || old->second > now ? 0 : old->second;
    rates[id] = static_cast<std::uint64_t>(std::llround(static_cast<double>(now - then) / seconds));
  }
  return rates;
}

Listing listing_rates(const Listing& before, const Listing& after, double seconds) {
  StatsByEndpoint old_services;
  std::map<genl::Endpoint, StatsByEndpoint> old_members;
  for (const ServiceEntry& entry : before) {
    old_services[entry.service.vip] = &entry.service.stats;
    StatsByEndpoint& members = old_members[entry.service.vip];
    for (const genl::Member& member : entry.members) {
      members[member.endpoint] = &member.stats;
    }
  }

  Listing rates = after;
  for (ServiceEntry& entry : rates) {
    entry.service.stats =
        per_second(stats_at(old_services, entry.service.vip), entry.service.stats, seconds);
    const StatsByEndpoint& members = old_members[entry.service.vip];
    for (genl::Member& member : entry.members) {
      member.stats = per_second(stats_at(members, member.endpoint), member.stats, seconds);
    }
  }
  return rates;
}

}  // namespace knits::ctl
