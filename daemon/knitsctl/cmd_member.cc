// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl member add|edit|del VIP:PORT MEMBER:PORT [--weight N] [--state S]:
// ipvsadm -a, -e and -d. Silent on success.

#include <string>

#include <CLI/CLI.hpp>

#include "genl/knits_genl.h"
#include "knits.h"
#include "knitsctl/args.h"
#include "knitsctl/command.h"
#include "names/state_names.h"

namespace knits::ctl {
namespace {

class MemberCommand final : public Command {
 public:
  void configure(CLI::App& app) override {
    app.require_subcommand(1);
    add_ = app.add_subcommand("add", "Add a member to a service (ipvsadm -a)");
    edit_ = app.add_subcommand("edit", "Change a member's weight or state (ipvsadm -e)");
    del_ = app.add_subcommand("del",
                              "Delete a member; its connections run until they end (ipvsadm -d)");
    for (CLI::App* sub : {add_, edit_, del_}) {
      sub->fallthrough();
      add_endpoint_arg(*sub, "vip", vip_, "The service's virtual address and port");
      add_endpoint_arg(*sub, "member", member_, "The member's address and port");
    }
    for (CLI::App* sub : {add_, edit_}) {
      add_optional(*sub, "--weight", settings_.weight,
                   std::string("Share of new connections; 0 takes none") +
                       (sub == add_ ? " (default 1)" : ""))
          ->check(CLI::Range(0, KNITS_WEIGHT_MAX));
      add_optional(*sub, "--state", state_name_,
                   std::string("active takes new connections, draining keeps its connections, "
                               "down drops their packets") +
                       (sub == add_ ? " (default active)" : ""))
          ->check(CLI::IsMember(names::member_state_names(), CLI::ignore_case));
    }
  }

  int run(const GlobalOptions& /*global*/) override {
    require_same_family(vip_, member_, "member " + genl::to_string(member_));
    if (state_name_) {
      settings_.state = names::parse_member_state(*state_name_);
    }
    if (edit_->parsed() && settings_ == genl::MemberSettings{}) {
      throw UsageError("member edit: nothing to change (give --weight or --state)");
    }
    genl::Client client;
    if (add_->parsed()) {
      client.new_member(vip_, member_, settings_);
    } else if (edit_->parsed()) {
      client.set_member(vip_, member_, settings_);
    } else {
      client.del_member(vip_, member_);
    }
    return kExitOk;
  }

 private:
  CLI::App* add_ = nullptr;
  CLI::App* edit_ = nullptr;
  CLI::App* del_ = nullptr;
  genl::Endpoint vip_;
  genl::Endpoint member_;
  std::optional<std::string> state_name_;
  genl::MemberSettings settings_;
};

}  // namespace

std::unique_ptr<Command> make_member_command() { return std::make_unique<MemberCommand>(); }

}  // namespace knits::ctl
