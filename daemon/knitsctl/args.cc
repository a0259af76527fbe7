// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsctl/args.h"

#include <sys/socket.h>

#include "genl/error.h"
#include "knitsctl/command.h"

namespace knits::ctl {
namespace {

std::string family_name(std::uint16_t family) { return family == AF_INET6 ? "IPv6" : "IPv4"; }

}  // namespace

CLI::Option* add_endpoint_arg(CLI::App& app, const std::string& name, genl::Endpoint& out,
                              const std::string& help) {
  return app
      .add_option_function<std::string>(
          name,
          [&out, name](const std::string& text) {
            try {
              out = genl::parse_endpoint(text);
            } catch (const genl::Error& e) {
              throw CLI::ValidationError(name, e.what());
            }
          },
          help)
      ->required()
      ->type_name("ADDRESS:PORT");
}

void add_json_flag(CLI::App& app, bool& json) {
  app.add_flag("--json", json, "Print JSON instead of text");
}

void require_same_family(const genl::Endpoint& vip, const genl::Endpoint& other,
                         const std::string& what) {
  if (vip.family != other.family) {
    throw UsageError(what + " is " + family_name(other.family) + " but service " +
                     genl::to_string(vip) + " is " + family_name(vip.family));
  }
}

}  // namespace knits::ctl
