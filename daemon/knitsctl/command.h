// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_KNITSCTL_COMMAND_H
#define KNITS_DAEMON_KNITSCTL_COMMAND_H

#include <memory>
#include <span>
#include <stdexcept>
#include <string_view>

#include "genl/splice.h"

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11's own name
class App;
}  // namespace CLI

namespace knits::ctl {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeError = 1;
inline constexpr int kExitUsageError = 2;
// The module answered and said no (a splice it cannot make); nothing changed.
inline constexpr int kExitRefused = 3;

// Thrown by run() for arguments that each parsed but do not fit together
// (an IPv6 member for an IPv4 service): exit 2, like any bad argument.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown by run() when the module refused the request with a reason, which
// the message says: exit 3, so that scripts tell a refusal from a failure.
class Refusal : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Options accepted before or after any subcommand.
struct GlobalOptions {
  bool json = false;
};

// One subcommand. configure() binds its options to members, which run()
// reads once parsing succeeded; run() reports failures by throwing.
class Command {
 public:
  Command() = default;
  Command(const Command&) = delete;
  Command& operator=(const Command&) = delete;
  Command(Command&&) = delete;
  Command& operator=(Command&&) = delete;
  virtual ~Command() = default;

  virtual void configure(CLI::App& app) = 0;
  virtual int run(const GlobalOptions& global) = 0;
};

struct CommandEntry {
  std::string_view name;
  std::string_view help;
  std::unique_ptr<Command> (*make)();
};

// The subcommands, in the order --help lists them.
[[nodiscard]] std::span<const CommandEntry> commands();

// One per cmd_*.cc file.
[[nodiscard]] std::unique_ptr<Command> make_status_command();
[[nodiscard]] std::unique_ptr<Command> make_zero_command();
[[nodiscard]] std::unique_ptr<Command> make_list_command();
[[nodiscard]] std::unique_ptr<Command> make_service_command();
[[nodiscard]] std::unique_ptr<Command> make_member_command();
[[nodiscard]] std::unique_ptr<Command> make_lookup_command();
[[nodiscard]] std::unique_ptr<Command> make_conns_command();
[[nodiscard]] std::unique_ptr<Command> make_config_command();
[[nodiscard]] std::unique_ptr<Command> make_splice_command();
[[nodiscard]] std::unique_ptr<Command> make_prepare_command();

// Prints the module's answer to a splice or a prepare (JSON or text) and
// returns kExitOk, or throws Refusal saying why it refused.
int report_splice_answer(const genl::SpliceReply& reply, bool json);
[[nodiscard]] std::unique_ptr<Command> make_daemon_command();

}  // namespace knits::ctl

#endif  // KNITS_DAEMON_KNITSCTL_COMMAND_H
