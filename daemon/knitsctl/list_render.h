// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_KNITSCTL_LIST_RENDER_H
#define KNITS_DAEMON_KNITSCTL_LIST_RENDER_H

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "knitsctl/listing.h"

namespace knits::ctl {

// Which columns `knitsctl list` shows, as ipvsadm -L -n, --stats, --rate.
enum class ListView {
  kSettings,
  kStats,
  // The listing's stats hold per-second rates (see rate.h).
  kRates,
};

// The ipvsadm -L -n layout: two header lines, then a line per service and
// an indented "  -> " line per member; kSettings shows a member's weight,
// state, ActiveConn (ESTABLISHED) and InActConn (its other connections). @exact prints numbers in
// full rather than in K, M, G, T beyond 100 million (ipvsadm --exact).
[[nodiscard]] std::string list_text(const Listing& listing, ListView view, bool exact);

// {"services": [{"vip", "protocol", "sched", "mh_table_size",
// "member_count", "stats", "members": [{"member", "weight", "state",
// "conns", "active_conns", "stats"}]}]}; with kRates, "rates" instead of
// "stats".
[[nodiscard]] nlohmann::ordered_json list_json(const Listing& listing, ListView view);

// A number in a 9-column field the way ipvsadm prints it.
[[nodiscard]] std::string ipvsadm_number(std::uint64_t value, bool exact);

}  // namespace knits::ctl

#endif  // KNITS_DAEMON_KNITSCTL_LIST_RENDER_H
