// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/config.h"

#include <array>

#include "knits.h"

namespace knits::genl {
namespace {

constexpr std::array kTimeoutAttrs{
    TimeoutAttr{KNITS_TCP_SYN_SENT, KNITS_CFG_A_TIMEOUT_SYN_SENT},
    TimeoutAttr{KNITS_TCP_SYN_RECV, KNITS_CFG_A_TIMEOUT_SYN_RECV},
    TimeoutAttr{KNITS_TCP_ESTABLISHED, KNITS_CFG_A_TIMEOUT_ESTABLISHED},
    TimeoutAttr{KNITS_TCP_FIN_WAIT, KNITS_CFG_A_TIMEOUT_FIN_WAIT},
    TimeoutAttr{KNITS_TCP_CLOSE_WAIT, KNITS_CFG_A_TIMEOUT_CLOSE_WAIT},
    TimeoutAttr{KNITS_TCP_LAST_ACK, KNITS_CFG_A_TIMEOUT_LAST_ACK},
    TimeoutAttr{KNITS_TCP_TIME_WAIT, KNITS_CFG_A_TIMEOUT_TIME_WAIT},
    TimeoutAttr{KNITS_TCP_CLOSE, KNITS_CFG_A_TIMEOUT_CLOSE},
};

// A new timeout attribute needs a row here; the states after NONE map one to
// one onto the timeout attributes.
static_assert(kTimeoutAttrs.size() == KNITS_TCP_STATE_MAX,
              "every enum knits_tcp_state but NONE needs a row in kTimeoutAttrs");
static_assert(KNITS_CFG_A_HASH_KEY == KNITS_CFG_A_MAX,
              "a new KNITS_CFG_A_* attribute: does it need a row in kTimeoutAttrs?");

}  // namespace

std::span<const TimeoutAttr> timeout_attrs() noexcept { return kTimeoutAttrs; }

std::optional<int> timeout_attr_type(std::uint8_t state) noexcept {
  for (const TimeoutAttr& attr : kTimeoutAttrs) {
    if (attr.state == state) {
      return attr.type;
    }
  }
  return std::nullopt;
}

}  // namespace knits::genl
