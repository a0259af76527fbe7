// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl zero: like ipvsadm -Z, silent on success.

#include "genl/knits_genl.h"
#include "knitsctl/command.h"

namespace knits::ctl {
namespace {

class ZeroCommand final : public Command {
 public:
  void configure(CLI::App& /*app*/) override {}

  int run(const GlobalOptions& /*global*/) override {
    genl::Client client;
    client.reset_counters();
    return kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> make_zero_command() { return std::make_unique<ZeroCommand>(); }

}  // namespace knits::ctl
