// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl prepare --c1 LOCAL,PEER [--json]: asks the module whether a
// splice of c1 would pass c1's checks now (KNITS_CMD_PREPARE), as knitsd
// does for a node's PREPARE request. Changes nothing.

#include <CLI/CLI.hpp>

#include "genl/knits_genl.h"
#include "knitsctl/args.h"
#include "knitsctl/command.h"
#include "knitsctl/splice_args.h"

namespace knits::ctl {
namespace {

class PrepareCommand final : public Command {
 public:
  void configure(CLI::App& app) override {
    add_c1_option(app, c1_);
    add_json_flag(app, json_);
  }

  int run(const GlobalOptions& global) override {
    genl::Client client;
    return report_splice_answer(genl::SpliceReply{.status = client.prepare(c1_)},
                                json_ || global.json);
  }

 private:
  genl::SpliceConnection c1_;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_prepare_command() { return std::make_unique<PrepareCommand>(); }

}  // namespace knits::ctl
