// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl status [--json]

#include <iostream>

#include <CLI/CLI.hpp>

#include "genl/knits_genl.h"
#include "knitsctl/command.h"
#include "knitsctl/render.h"

namespace knits::ctl {
namespace {

class StatusCommand final : public Command {
 public:
  void configure(CLI::App& app) override {
    app.add_flag("--json", json_, "Print one JSON object instead of a table");
  }

  int run(const GlobalOptions& global) override {
    genl::Client client;
    const genl::Status status = client.get_status();
    if (json_ || global.json) {
      std::cout << status_json(status).dump(2) << '\n';
    } else {
      std::cout << status_text(status);
    }
    return kExitOk;
  }

 private:
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_status_command() { return std::make_unique<StatusCommand>(); }

}  // namespace knits::ctl
