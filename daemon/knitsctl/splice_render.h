// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_KNITSCTL_SPLICE_RENDER_H
#define KNITS_DAEMON_KNITSCTL_SPLICE_RENDER_H

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "genl/splice.h"

namespace knits::ctl {

// "P=<n>\n" for an installed splice, "ok\n" for a prepare's OK; a refusal
// prints nothing on standard output (splice_refusal() goes to standard
// error).
[[nodiscard]] std::string splice_text(const genl::SpliceReply& reply);

// {"status":"ok","p":<n>}, or {"status":"<name>"} for a refusal; the node
// library reads it.
[[nodiscard]] nlohmann::ordered_json splice_json(const genl::SpliceReply& reply);

// "splice refused: <status name> (<explanation>)".
[[nodiscard]] std::string splice_refusal(std::uint32_t status);

}  // namespace knits::ctl

#endif  // KNITS_DAEMON_KNITSCTL_SPLICE_RENDER_H
