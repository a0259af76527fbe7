// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_KNITSCTL_CONFIG_RENDER_H
#define KNITS_DAEMON_KNITSCTL_CONFIG_RENDER_H

#include <string>

#include <nlohmann/json.hpp>

#include "genl/config.h"

namespace knits::ctl {

// "Conns: N", "Max conns: N", then the timeouts as ipvsadm -L --timeout
// prints them: "Timeout (SYN_SENT ... CLOSE): 120 ... 10".
[[nodiscard]] std::string config_text(const genl::Config& config);

// {"conns", "max_conns", "timeouts": {"SYN_SENT": seconds, ...}}.
[[nodiscard]] nlohmann::ordered_json config_json(const genl::Config& config);

}  // namespace knits::ctl

#endif  // KNITS_DAEMON_KNITSCTL_CONFIG_RENDER_H
