// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl splice --c1 LOCAL,PEER --c2 LOCAL,PEER --t T --s S [--json]:
// hands a client's connection c1 from this node over to the node at the
// other end of c2, and prints the switch point P. The node library's
// request, by hand: for tests and for trying splices out.

#include <iostream>

#include <CLI/CLI.hpp>

#include "genl/knits_genl.h"
#include "knits.h"
#include "knitsctl/args.h"
#include "knitsctl/command.h"
#include "knitsctl/splice_args.h"
#include "knitsctl/splice_render.h"

namespace knits::ctl {
namespace {

class SpliceCommand final : public Command {
 public:
  void configure(CLI::App& app) override {
    add_splice_options(app, request_);
    add_json_flag(app, json_);
  }

  int run(const GlobalOptions& global) override {
    genl::Client client;
    return report_splice_answer(client.splice(request_), json_ || global.json);
  }

 private:
  genl::SpliceRequest request_;
  bool json_ = false;
};

}  // namespace

int report_splice_answer(const genl::SpliceReply& reply, bool json) {
  if (json) {
    std::cout << splice_json(reply).dump() << '\n';
  } else {
    std::cout << splice_text(reply);
  }
  if (reply.status != KNITS_SPLICE_OK) {
    throw Refusal(splice_refusal(reply.status));
  }
  return kExitOk;
}

std::unique_ptr<Command> make_splice_command() { return std::make_unique<SpliceCommand>(); }

}  // namespace knits::ctl
