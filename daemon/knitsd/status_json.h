// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// What `knitsctl daemon status` shows: knitsd's nodes and keys (ids only,
// never a key), the services it keeps and whether the module has them as
// the configuration says, and its request counters.

#ifndef KNITS_DAEMON_KNITSD_STATUS_JSON_H
#define KNITS_DAEMON_KNITSD_STATUS_JSON_H

#include <string>

#include <nlohmann/json.hpp>

#include "knitsd/config.h"
#include "knitsd/counters.h"
#include "knitsd/service_keeper.h"
#include "libalrm/apply.h"

namespace knits::knitsd {

// Reads the module's services through @keeper (errors are exceptions).
[[nodiscard]] nlohmann::json daemon_status(const std::string& config_path, const Config& config,
                                           const ServiceKeeper& keeper, const Counters& counters);

}  // namespace knits::knitsd

#endif  // KNITS_DAEMON_KNITSD_STATUS_JSON_H
