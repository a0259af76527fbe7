// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// One request to knitsd's control socket and its answer (knitsd.md,
// "Control socket"). Throws std::runtime_error when knitsd cannot be
// reached or answers something that is not JSON.

#ifndef KNITS_DAEMON_KNITSCTL_DAEMON_CLIENT_H
#define KNITS_DAEMON_KNITSCTL_DAEMON_CLIENT_H

#include <string>

#include <nlohmann/json.hpp>

namespace knits::ctl {

inline constexpr const char* kDefaultDaemonSocket = "/run/knits/knitsd.sock";

[[nodiscard]] nlohmann::json ask_daemon(const std::string& socket_path,
                                        const nlohmann::json& request);

// knitsd's status answer as text: nodes, services, request counters.
[[nodiscard]] std::string daemon_status_text(const nlohmann::json& status);

}  // namespace knits::ctl

#endif  // KNITS_DAEMON_KNITSCTL_DAEMON_CLIENT_H
