// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsd's control requests, as they come on its local socket: one JSON
// object per line, one JSON answer per line (Documentation/knitsd.md,
// "Control socket"). Pure: the actions are the caller's, so this is tested
// without a daemon.

#ifndef KNITS_DAEMON_KNITSD_CONTROL_H
#define KNITS_DAEMON_KNITSD_CONTROL_H

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace knits::knitsd {

struct ControlActions {
  // knitsd's view: nodes, services, how they stand against the module
  std::function<nlohmann::json()> status;
  // reads and applies the configuration file, as SIGHUP does; the reason
  // it was refused (file:line:column: ...), or none
  std::function<std::optional<std::string>()> reload;
  // reads and compiles a file without applying it; the mistake, or none
  std::function<std::optional<std::string>(const std::string& path)> validate;
};

// A request line longer than this is refused (and the connection closed).
inline constexpr std::size_t kControlLineMax = 4096;

// The answer line (without its newline) to request @line. Never throws:
// a request that cannot be read, or an action that throws, is an answer
// {"ok": false, "error": "..."}.
[[nodiscard]] std::string handle_control_line(std::string_view line, const ControlActions& actions);

}  // namespace knits::knitsd

#endif  // KNITS_DAEMON_KNITSD_CONTROL_H
