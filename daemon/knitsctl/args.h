// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_KNITSCTL_ARGS_H
#define KNITS_DAEMON_KNITSCTL_ARGS_H

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "genl/endpoint.h"
#include "genl/error.h"

// Command-line arguments shared by the subcommands. Each is converted while
// CLI11 parses, so that a bad value is a usage error (exit 2) that names
// the argument, before any request goes out.
namespace knits::ctl {

// A required option or positional @name whose text @parse turns into @out.
// The genl::Error that @parse throws for bad text (it quotes the text and
// says what is wrong) becomes a usage error that names @name.
template <typename T, typename Parse>
CLI::Option* add_parsed_arg(CLI::App& app, const std::string& name, T& out, Parse parse,
                            const std::string& help) {
  return app
      .add_option_function<std::string>(
          name,
          [&out, name, parse](const std::string& text) {
            try {
              out = parse(text);
            } catch (const genl::Error& e) {
              throw CLI::ValidationError(name, e.what());
            }
          },
          help)
      ->required();
}

// A required positional "ADDRESS:PORT" or "[ADDRESS]:PORT", parsed into
// @out.
CLI::Option* add_endpoint_arg(CLI::App& app, const std::string& name, genl::Endpoint& out,
                              const std::string& help);

// An option that is set only when given: @out stays nullopt otherwise, so
// that requests carry only what the user asked to change.
template <typename T>
CLI::Option* add_optional(CLI::App& app, const std::string& name, std::optional<T>& out,
                          const std::string& help) {
  return app.add_option_function<T>(
      name, [&out](const T& value) { out = value; }, help);
}

// Adds --json to @app: each subcommand lists it in its own --help, on top of
// the global flag.
void add_json_flag(CLI::App& app, bool& json);

// Throws UsageError unless @other has @vip's family: the ABI requires it of
// members, and saying so here beats the module's EINVAL. @what names
// @other in the message, e.g. "member 10.1.1.2:80".
void require_same_family(const genl::Endpoint& vip, const genl::Endpoint& other,
                         const std::string& what);

}  // namespace knits::ctl

#endif  // KNITS_DAEMON_KNITSCTL_ARGS_H
