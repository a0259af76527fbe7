// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl conns [--json]: ipvsadm -L -c -n.

#include <iostream>

#include <CLI/CLI.hpp>

#include "genl/knits_genl.h"
#include "knitsctl/args.h"
#include "knitsctl/command.h"
#include "knitsctl/conns_render.h"

namespace knits::ctl {
namespace {

class ConnsCommand final : public Command {
 public:
  void configure(CLI::App& app) override { add_json_flag(app, json_); }

  int run(const GlobalOptions& global) override {
    genl::Client client;
    const std::vector<genl::Conn> conns = client.get_conns();
    if (json_ || global.json) {
      std::cout << conns_json(conns).dump(2) << '\n';
    } else {
      std::cout << conns_text(conns);
    }
    return kExitOk;
  }

 private:
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_conns_command() { return std::make_unique<ConnsCommand>(); }

}  // namespace knits::ctl
