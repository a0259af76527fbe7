// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsctl/args.h"

#include "genl/error.h"
#include "knitsctl/command.h"

namespace knits::ctl {

CLI::Option* add_endpoint_arg(CLI::App& app, const std::string& name, genl::Endpoint& out,
                              const std::string& help) {
  return add_parsed_arg(app, name, out, genl::parse_endpoint, help)->type_name("ADDRESS:PORT");
}

void add_json_flag(CLI::App& app, bool& json) {
  app.add_flag("--json", json, "Print JSON instead of text");
}

void require_same_family(const genl::Endpoint& vip, const genl::Endpoint& other,
                         const std::string& what) {
  if (vip.family != other.family) {
    throw UsageError(what + " is " + genl::family_name(other.family) + " but service " +
                     genl::to_string(vip) + " is " + genl::family_name(vip.family));
  }
}

}  // namespace knits::ctl
