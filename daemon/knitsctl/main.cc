// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl: parses the command line, runs one subcommand from the table in
// commands.cc and maps failures to exit codes (1: runtime, 2: usage,
// 3: refused by the module).

#include <cerrno>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "genl/error.h"
#include "knits.h"
#include "knitsctl/command.h"

namespace knits::ctl {
namespace {

constexpr const char* kProgram = "knitsctl";

std::string usage_message(const std::string& what) {
  return std::string(kProgram) + ": " + what + "\nTry '" + kProgram +
         " --help' for more information.\n";
}

std::string usage_failure(const CLI::App* /*app*/, const CLI::Error& error) {
  return usage_message(error.what());
}

// The innermost subcommand the command line named: "service" for
// "knitsctl service bogus", the top-level app when none.
const CLI::App& innermost(const CLI::App& app) {
  const CLI::App* current = &app;
  while (!current->get_subcommands().empty()) {
    current = current->get_subcommands().front();
  }
  return *current;
}

// "add, edit, del".
std::string subcommand_names(const CLI::App& app) {
  std::string names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* /*sub*/) { return true; })) {
    names += (names.empty() ? "" : ", ") + sub->get_name();
  }
  return names;
}

// CLI11 checks that a subcommand was given before it looks at leftover
// arguments, so "knitsctl bogus" or "knitsctl service bogus" would only say
// that a subcommand is missing; this says what is wrong instead.
int parse_failure(CLI::App& app, const CLI::ParseError& error) {
  const CLI::App& last = innermost(app);
  if (dynamic_cast<const CLI::RequiredError*>(&error) == nullptr ||
      last.get_require_subcommand_min() == 0) {
    return app.exit(error) == 0 ? kExitOk : kExitUsageError;
  }
  const std::string where = &last == &app ? "" : " after '" + last.get_name() + "'";
  // With fallthrough, words a subcommand does not take are left to its parent.
  const std::vector<std::string> extras = app.remaining(true);
  if (extras.empty()) {
    std::cerr << usage_message("missing a command" + where + " (" + subcommand_names(last) + ")");
  } else {
    const std::string& word = extras.front();
    std::cerr << usage_message((word.starts_with('-') ? "unknown option '" : "unknown command '") +
                               word + "'" + where);
  }
  return kExitUsageError;
}

int runtime_failure(const std::string& message) {
  std::cerr << kProgram << ": " << message << '\n';
  return kExitRuntimeError;
}

// A full disk or closed pipe must not look like success to scripts.
int flushed(int rc) {
  if (!std::cout.flush()) {
    return runtime_failure("writing to standard output failed");
  }
  return rc;
}

int run_command(Command& command, const GlobalOptions& global) {
  try {
    return flushed(command.run(global));
  } catch (const Refusal& e) {
    // A refusal may have printed its reason as JSON first.
    std::cerr << kProgram << ": " << e.what() << '\n';
    return flushed(kExitRefused);
  } catch (const UsageError& e) {
    // Arguments that parsed one by one but do not fit together.
    std::cerr << usage_message(e.what());
    return kExitUsageError;
  } catch (const genl::Error& e) {
    if (e.errnum() == EPERM) {
      return runtime_failure(std::string(e.what()) + " (needs CAP_NET_ADMIN)");
    }
    return runtime_failure(e.what());
  } catch (const std::exception& e) {
    return runtime_failure(e.what());
  }
}

int knitsctl_main(int argc, char** argv) {
  CLI::App app{"Inspect and control the knits kernel module.", kProgram};
  app.set_version_flag("--version", std::string(kProgram) +
                                        " " KNITS_VERSION_STRING " (knits ABI " +
                                        std::to_string(KNITS_ABI_VERSION) + ")");
  app.failure_message(usage_failure);
  app.require_subcommand(1);

  GlobalOptions global;
  app.add_flag("--json", global.json, "Print machine-readable JSON where a command has output");

  std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> subcommands;
  for (const CommandEntry& entry : commands()) {
    CLI::App* sub = app.add_subcommand(std::string(entry.name), std::string(entry.help));
    // Lets global options follow the subcommand too: knitsctl status --json.
    sub->fallthrough();
    std::unique_ptr<Command> command = entry.make();
    command->configure(*sub);
    subcommands.emplace_back(sub, std::move(command));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return parse_failure(app, e);
  }

  for (auto& [sub, command] : subcommands) {
    if (sub->parsed()) {
      return run_command(*command, global);
    }
  }
  return kExitUsageError;  // unreachable: require_subcommand(1)
}

}  // namespace
}  // namespace knits::ctl

int main(int argc, char** argv) {
  try {
    return knits::ctl::knitsctl_main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "knitsctl: " << e.what() << '\n';
    return knits::ctl::kExitRuntimeError;
  }
}
