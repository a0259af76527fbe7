// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl daemon status|reload|validate FILE [--socket PATH] [--json]:
// knitsd's own matters, through its control socket.

#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "knitsctl/command.h"
#include "knitsctl/daemon_client.h"

namespace knits::ctl {
namespace {

class DaemonCommand final : public Command {
 public:
  void configure(CLI::App& app) override {
    app.require_subcommand(1);
    app.add_option("--socket", socket_, "knitsd's control socket")->capture_default_str();
    app.add_flag("--json", json_, "Print knitsd's JSON answer");
    status_ = app.add_subcommand("status", "knitsd's nodes, keys, services and request counters");
    reload_ = app.add_subcommand("reload", "Read knitsd's configuration again and apply it");
    validate_ = app.add_subcommand("validate", "Check a configuration file without applying it");
    validate_->add_option("file", file_, "The file (as knitsd can read it)")->required();
  }

  int run(const GlobalOptions& global) override {
    nlohmann::json request{{"command", "status"}};
    if (reload_->parsed()) {
      request = {{"command", "reload"}};
    } else if (validate_->parsed()) {
      request = {{"command", "validate"}, {"path", file_}};
    }
    const nlohmann::json answer = ask_daemon(socket_, request);
    if (json_ || global.json) {
      std::cout << answer.dump(2) << '\n';
    }
    if (!answer.value("ok", false)) {
      throw Refusal(answer.value("error", std::string("knitsd refused")));
    }
    if (!(json_ || global.json)) {
      if (status_->parsed()) {
        std::cout << daemon_status_text(answer);
      } else {
        std::cout << (reload_->parsed() ? "reloaded\n" : file_ + ": valid\n");
      }
    }
    return kExitOk;
  }

 private:
  std::string socket_ = kDefaultDaemonSocket;
  std::string file_;
  bool json_ = false;
  CLI::App* status_ = nullptr;
  CLI::App* reload_ = nullptr;
  CLI::App* validate_ = nullptr;
};

}  // namespace

std::unique_ptr<Command> make_daemon_command() { return std::make_unique<DaemonCommand>(); }

}  // namespace knits::ctl
