// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_KNITSCTL_CONNS_RENDER_H
#define KNITS_DAEMON_KNITSCTL_CONNS_RENDER_H

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "genl/conn.h"

namespace knits::ctl {

// The ipvsadm -L -c -n layout: a title, a header, then one line per
// connection with its expiry as MM:SS.
[[nodiscard]] std::string conns_text(const std::vector<genl::Conn>& conns);

// [{"protocol", "state", "expires_ms", "client", "vip", "member"}].
[[nodiscard]] nlohmann::ordered_json conns_json(const std::vector<genl::Conn>& conns);

}  // namespace knits::ctl

#endif  // KNITS_DAEMON_KNITSCTL_CONNS_RENDER_H
