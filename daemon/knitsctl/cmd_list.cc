// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl list [--stats | --rate] [--exact] [--json]: ipvsadm -L -n.

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <iostream>
#include <thread>
#include <utility>

#include <CLI/CLI.hpp>

#include "genl/knits_genl.h"
#include "knitsctl/args.h"
#include "knitsctl/command.h"
#include "knitsctl/list_render.h"
#include "knitsctl/rate.h"

namespace knits::ctl {
namespace {

constexpr std::chrono::seconds kRateInterval{1};

// Services and members in address order, as ipvsadm sorts them; the dumps
// come in the module's hash order.
Listing fetch_listing(genl::Client& client) {
  Listing listing;
  for (genl::Service& service : client.get_services()) {
    std::vector<genl::Member> members;
    try {
      members = client.get_members(service.vip);
    } catch (const genl::Error& e) {
      // Deleted between the two dumps: it is no longer there to list.
      if (e.errnum() == ENOENT) {
        continue;
      }
      throw;
    }
    std::ranges::sort(members, {}, &genl::Member::endpoint);
    listing.push_back({std::move(service), std::move(members)});
  }
  std::ranges::sort(listing, {}, [](const ServiceEntry& entry) { return entry.service.vip; });
  return listing;
}

Listing fetch_rates(genl::Client& client) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point first = Clock::now();
  const Listing before = fetch_listing(client);
  std::this_thread::sleep_for(kRateInterval);
  const Clock::time_point second = Clock::now();
  const Listing after = fetch_listing(client);
  return listing_rates(before, after, std::chrono::duration<double>(second - first).count());
}

class ListCommand final : public Command {
 public:
  void configure(CLI::App& app) override {
    CLI::Option* stats = app.add_flag(
        "--stats", stats_, "Show totals of connections, packets and bytes (ipvsadm --stats)");
    app.add_flag("--rate", rate_,
                 "Show connections, packets and bytes per second (ipvsadm --rate); knitsctl "
                 "measures the rate itself over 1 s, so the command takes a second")
        ->excludes(stats);
    app.add_flag("--exact", exact_, "Print numbers in full, not in K, M, G (ipvsadm --exact)");
    add_json_flag(app, json_);
  }

  int run(const GlobalOptions& global) override {
    genl::Client client;
    const ListView view = rate_    ? ListView::kRates
                          : stats_ ? ListView::kStats
                                   : ListView::kSettings;
    const Listing listing = rate_ ? fetch_rates(client) : fetch_listing(client);
    if (json_ || global.json) {
      std::cout << list_json(listing, view).dump(2) << '\n';
    } else {
      std::cout << list_text(listing, view, exact_);
    }
    return kExitOk;
  }

 private:
  bool stats_ = false;
  bool rate_ = false;
  bool exact_ = false;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_list_command() { return std::make_unique<ListCommand>(); }

}  // namespace knits::ctl
