// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsd's configuration file (TOML, read with toml++; the format is in
// Documentation/knitsd.md). Reading is all or nothing: any error throws
// ConfigError naming file:line:column and changes nothing.

#ifndef KNITS_DAEMON_KNITSD_CONFIG_H
#define KNITS_DAEMON_KNITSD_CONFIG_H

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "genl/endpoint.h"
#include "knitsd/handoff_service.h"
#include "libalrm/descriptor.h"
#include "libalrm/toml_reader.h"

namespace knits::knitsd {

struct Config {
  // where hand-off requests come in (address:port)
  genl::Endpoint handoff_listen;
  HandoffLimits limits;
  // where Prometheus metrics are served (address:port); none when unset
  std::optional<genl::Endpoint> metrics_listen;
  std::vector<NodeConfig> nodes;
  // the control socket's path ([control] socket); none when empty
  std::string control_socket = "/run/knits/knitsd.sock";
  // [scheduling] and [[service]]: what knitsd keeps the module's services at
  alrm::Descriptor descriptor;
};

// "FILE:LINE:COLUMN: what".
using ConfigError = alrm::FileError;

// @text as the file @name holds it; key_file paths are read relative to
// the working directory.
[[nodiscard]] Config parse_config(std::string_view text, const std::string& name);
[[nodiscard]] Config read_config_file(const std::string& path);

// read_config_file(), and its descriptor compiled as an apply would
// compile it: what `knitsd --check` and the control socket's validate
// say is valid. Throws what either throws.
[[nodiscard]] Config validate_config_file(const std::string& path);

}  // namespace knits::knitsd

#endif  // KNITS_DAEMON_KNITSD_CONFIG_H
