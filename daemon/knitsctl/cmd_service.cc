// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl service add|edit|del VIP:PORT [--sched S] [--mh-table-size N]:
// ipvsadm -A, -E and -D. Silent on success.

#include <charconv>
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "genl/knits_genl.h"
#include "knits.h"
#include "knitsctl/args.h"
#include "knitsctl/command.h"
#include "names/knits_names.h"

namespace knits::ctl {
namespace {

constexpr const char* kMaglev = "mh";

// The module takes only primes, so that every member's permutation of the
// Maglev table covers all of it; refusing others here names the option.
std::string check_mh_table_size(const std::string& text) {
  std::uint32_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || stop != end || value < KNITS_MH_TABLE_SIZE_MIN ||
      value > KNITS_MH_TABLE_SIZE_MAX) {
    return text + " is not a number in " + std::to_string(KNITS_MH_TABLE_SIZE_MIN) + ".." +
           std::to_string(KNITS_MH_TABLE_SIZE_MAX);
  }
  for (std::uint32_t divisor = 2; divisor * divisor <= value; ++divisor) {
    if (value % divisor == 0) {
      return text + " is not a prime (try 4093, 65521 or 131071)";
    }
  }
  return {};
}

class ServiceCommand final : public Command {
 public:
  void configure(CLI::App& app) override {
    app.require_subcommand(1);
    add_ = app.add_subcommand("add", "Add a service (ipvsadm -A)");
    edit_ = app.add_subcommand("edit", "Change a service's scheduler (ipvsadm -E)");
    del_ = app.add_subcommand("del", "Delete a service and forget its connections (ipvsadm -D)");
    for (CLI::App* sub : {add_, edit_, del_}) {
      sub->fallthrough();
      add_endpoint_arg(*sub, "vip", vip_, "The service's virtual address and port");
    }
    for (CLI::App* sub : {add_, edit_}) {
      add_optional(*sub, "--sched", settings_.sched,
                   sub == add_ ? "Scheduler (default wrr)" : "Scheduler")
          ->check(CLI::IsMember(names::scheduler_names()));
      add_optional(*sub, "--mh-table-size", settings_.mh_table_size,
                   "Maglev table size for --sched mh, a prime in 7..131071 (default " +
                       std::to_string(KNITS_MH_TABLE_SIZE_DEFAULT) + ")")
          ->check(CLI::Validator(check_mh_table_size, "PRIME"));
    }
  }

  int run(const GlobalOptions& /*global*/) override {
    check_settings();
    genl::Client client;
    if (add_->parsed()) {
      client.new_service(vip_, settings_);
    } else if (edit_->parsed()) {
      client.set_service(vip_, settings_);
    } else {
      client.del_service(vip_);
    }
    return kExitOk;
  }

 private:
  void check_settings() const {
    if (edit_->parsed() && settings_ == genl::ServiceSettings{}) {
      throw UsageError("service edit: nothing to change (give --sched or --mh-table-size)");
    }
    // A new service without --sched gets wrr; an edited one may be mh already.
    const bool maglev = settings_.sched ? *settings_.sched == kMaglev : edit_->parsed();
    if (settings_.mh_table_size && !maglev) {
      throw UsageError("--mh-table-size applies to --sched mh only");
    }
  }

  CLI::App* add_ = nullptr;
  CLI::App* edit_ = nullptr;
  CLI::App* del_ = nullptr;
  genl::Endpoint vip_;
  genl::ServiceSettings settings_;
};

}  // namespace

std::unique_ptr<Command> make_service_command() { return std::make_unique<ServiceCommand>(); }

}  // namespace knits::ctl
