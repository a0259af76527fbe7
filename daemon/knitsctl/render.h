// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_KNITSCTL_RENDER_H
#define KNITS_DAEMON_KNITSCTL_RENDER_H

#include <string>

#include <nlohmann/json.hpp>

#include "genl/status.h"

namespace knits::ctl {

// {"version", "abi_version", "hooks": [names], "counters": {name: value}},
// keys and counters in ABI order so that output diffs cleanly.
[[nodiscard]] nlohmann::ordered_json status_json(const genl::Status& status);

// The same content for people: a header block, then one aligned row per
// counter.
[[nodiscard]] std::string status_text(const genl::Status& status);

}  // namespace knits::ctl

#endif  // KNITS_DAEMON_KNITSCTL_RENDER_H
