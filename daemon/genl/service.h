// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_SERVICE_H
#define KNITS_DAEMON_GENL_SERVICE_H

#include <cstdint>
#include <optional>
#include <string>

#include "genl/counter_map.h"
#include "genl/endpoint.h"

namespace knits::genl {

// A service as KNITS_CMD_GET_SERVICE reports it (see uapi/knits.h).
struct Service {
  Endpoint vip;
  // IPPROTO_TCP, the only protocol the ABI has so far.
  std::uint8_t protocol = 0;
  std::string sched;
  std::uint32_t mh_table_size = 0;
  std::uint32_t member_count = 0;
  // Keyed by enum knits_stat id.
  CounterMap stats;
  // enum knits_owner, or another control plane's value: who made it.
  std::uint32_t owner = 0;

  friend bool operator==(const Service&, const Service&) = default;
};

// What KNITS_CMD_NEW_SERVICE sets or KNITS_CMD_SET_SERVICE changes; an
// absent value is left to the module's default or kept.
struct ServiceSettings {
  std::optional<std::string> sched;
  std::optional<std::uint32_t> mh_table_size;
  std::optional<std::uint32_t> owner;

  friend bool operator==(const ServiceSettings&, const ServiceSettings&) = default;
};

// A member as KNITS_CMD_GET_MEMBER reports it.
struct Member {
  Endpoint endpoint;
  std::uint32_t weight = 0;
  // enum knits_member_state, unknown values kept.
  std::uint8_t state = 0;
  // Connections bound to the member now, and those of them in ESTABLISHED
  // (ipvsadm's ActiveConn; the rest are its InActConn).
  std::uint32_t conns = 0;
  std::uint32_t active_conns = 0;
  // Keyed by enum knits_stat id.
  CounterMap stats;

  friend bool operator==(const Member&, const Member&) = default;
};

// What KNITS_CMD_NEW_MEMBER sets or KNITS_CMD_SET_MEMBER changes.
struct MemberSettings {
  std::optional<std::uint32_t> weight;
  // enum knits_member_state.
  std::optional<std::uint8_t> state;

  friend bool operator==(const MemberSettings&, const MemberSettings&) = default;
};

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_SERVICE_H
