// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_CONFIG_H
#define KNITS_DAEMON_GENL_CONFIG_H

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>

#include "knits.h"

namespace knits::genl {

// Idle timeouts in seconds, keyed by enum knits_tcp_state.
using TimeoutMap = std::map<std::uint8_t, std::uint32_t>;

// The namespace's configuration as KNITS_CMD_GET_CONFIG reports it.
struct Config {
  std::uint32_t max_conns = 0;
  // Connections now.
  std::uint32_t conns = 0;
  // The timeouts the module sent; a state it left out is absent.
  TimeoutMap timeouts;

  friend bool operator==(const Config&, const Config&) = default;
};

// The sh and mh schedulers' SipHash key (KNITS_CFG_A_HASH_KEY).
using HashKey = std::array<std::uint8_t, KNITS_HASH_KEY_LEN>;

// What KNITS_CMD_SET_CONFIG changes; the rest is kept.
struct ConfigChange {
  std::optional<std::uint32_t> max_conns;
  TimeoutMap timeouts;
  // set only: the module never reports it
  std::optional<HashKey> hash_key;

  [[nodiscard]] bool empty() const noexcept { return !max_conns && timeouts.empty() && !hash_key; }
  friend bool operator==(const ConfigChange&, const ConfigChange&) = default;
};

// A TCP state that has an idle timeout, and the KNITS_CFG_A_TIMEOUT_*
// attribute that carries it.
struct TimeoutAttr {
  std::uint8_t state;
  int type;
};

// Every such state, in ABI order. KNITS_TCP_NONE has no timeout.
[[nodiscard]] std::span<const TimeoutAttr> timeout_attrs() noexcept;

// The attribute type of @state's timeout, or nullopt if it has none.
[[nodiscard]] std::optional<int> timeout_attr_type(std::uint8_t state) noexcept;

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_CONFIG_H
