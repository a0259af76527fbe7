// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl lookup VIP:PORT CLIENT... [--json]: which member a new connection
// from each client would get now. Many clients per run, since tests check
// the spread of thousands.

#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "genl/error.h"
#include "genl/knits_genl.h"
#include "knitsctl/args.h"
#include "knitsctl/command.h"
#include "knitsctl/lookup_render.h"

namespace knits::ctl {
namespace {

genl::AddressAndPort parse_client(const std::string& text) {
  try {
    return genl::parse_address_and_optional_port(text);
  } catch (const genl::Error& e) {
    throw CLI::ValidationError("client", e.what());
  }
}

class LookupCommand final : public Command {
 public:
  void configure(CLI::App& app) override {
    add_endpoint_arg(app, "vip", vip_, "The service's virtual address and port");
    app.add_option_function<std::vector<std::string>>(
           "clients",
           [this](const std::vector<std::string>& texts) {
             for (const std::string& text : texts) {
               clients_.push_back(parse_client(text));
             }
           },
           "Client addresses, each with or without a port (ADDRESS, ADDRESS:PORT, "
           "[ADDRESS]:PORT); the hashing schedulers it needs (sh, mh) use the address only")
        ->required()
        ->type_name("CLIENT");
    add_json_flag(app, json_);
  }

  int run(const GlobalOptions& global) override {
    for (const genl::AddressAndPort& client : clients_) {
      require_same_family(vip_, client.endpoint, "client " + genl::to_string(client));
    }
    genl::Client client;
    std::vector<LookupResult> results;
    results.reserve(clients_.size());
    for (const genl::AddressAndPort& arg : clients_) {
      results.push_back({genl::to_string(arg), client.lookup(vip_, arg)});
    }
    if (json_ || global.json) {
      std::cout << lookup_json(results).dump(2) << '\n';
    } else {
      std::cout << lookup_text(results);
    }
    return kExitOk;
  }

 private:
  genl::Endpoint vip_;
  std::vector<genl::AddressAndPort> clients_;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_lookup_command() { return std::make_unique<LookupCommand>(); }

}  // namespace knits::ctl
