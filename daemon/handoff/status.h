// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Names of enum knits_handoff_status (uapi/knits_handoff.h) for logs,
// metrics and the node library's errors.

#ifndef KNITS_DAEMON_HANDOFF_STATUS_H
#define KNITS_DAEMON_HANDOFF_STATUS_H

#include <cstdint>
#include <string>

namespace knits::handoff {

// "ok", a kernel refusal by its splice status name ("no_c1", ...),
// "not_owner", "bad_request", "kernel_error"; a number it does not know
// as "status_N".
[[nodiscard]] std::string status_name(std::uint32_t status);

}  // namespace knits::handoff

#endif  // KNITS_DAEMON_HANDOFF_STATUS_H
