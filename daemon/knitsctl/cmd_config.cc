// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsctl config [--max-conns N] [--timeout STATE=SECONDS]... [--json]:
// without options shows the configuration (ipvsadm -L --timeout), with
// options changes it (ipvsadm --set), silently.

#include <charconv>
#include <cstdint>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "genl/hex.h"
#include "genl/knits_genl.h"
#include "knits.h"
#include "knitsctl/args.h"
#include "knitsctl/command.h"
#include "knitsctl/config_render.h"
#include "names/state_names.h"

namespace knits::ctl {
namespace {

constexpr const char* kTimeoutOption = "--timeout";

std::string timeout_states() {
  std::string out;
  for (const genl::TimeoutAttr& attr : genl::timeout_attrs()) {
    out += (out.empty() ? "" : ", ") + names::tcp_state_name(attr.state);
  }
  return out;
}

[[noreturn]] void bad_timeout(const std::string& text, const std::string& why) {
  throw CLI::ValidationError(kTimeoutOption, "'" + text + "': " + why);
}

// "STATE=SECONDS", e.g. "established=900".
void add_timeout(const std::string& text, genl::TimeoutMap& out) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos) {
    bad_timeout(text, "expected STATE=SECONDS");
  }
  const std::string name = text.substr(0, equals);
  const std::optional<std::uint8_t> state = names::parse_tcp_state(name);
  if (!state || !genl::timeout_attr_type(*state)) {
    bad_timeout(text, "'" + name + "' is not one of " + timeout_states());
  }
  const std::string seconds_text = text.substr(equals + 1);
  std::uint32_t seconds = 0;
  const char* end = seconds_text.data() + seconds_text.size();
  const auto [stop, ec] = std::from_chars(seconds_text.data(), end, seconds);
  if (ec != std::errc{} || stop != end || seconds < 1 || seconds > KNITS_TIMEOUT_MAX) {
    bad_timeout(text, "seconds must be a number in 1.." + std::to_string(KNITS_TIMEOUT_MAX));
  }
  out[*state] = seconds;
}

class ConfigCommand final : public Command {
 public:
  void configure(CLI::App& app) override {
    add_optional(app, "--max-conns", change_.max_conns,
                 "Connections the namespace may hold; new ones beyond are refused "
                 "(needs CAP_NET_ADMIN)")
        ->check(CLI::Range(1, KNITS_MAX_CONNS_LIMIT));
    app.add_option_function<std::vector<std::string>>(
           kTimeoutOption,
           [this](const std::vector<std::string>& texts) {
             for (const std::string& text : texts) {
               add_timeout(text, change_.timeouts);
             }
           },
           "Idle timeout of a TCP state (" + timeout_states() +
               "), repeatable (needs "
               "CAP_NET_ADMIN)")
        ->type_name("STATE=SECONDS")
        ->delimiter(',');
    app.add_option_function<std::string>(
           "--hash-key",
           [this](const std::string& text) {
             genl::HashKey key{};
             try {
               genl::parse_hex_key(text, key, "hash key");
             } catch (const std::invalid_argument& e) {
               throw CLI::ValidationError("--hash-key", e.what());
             }
             change_.hash_key = key;
           },
           "Key of the sh and mh schedulers' hash, 32 hexadecimal digits (`openssl rand "
           "-hex 16`); gateways with the same key and members choose alike (needs "
           "CAP_NET_ADMIN; never shown)")
        ->type_name("HEX");
    add_json_flag(app, json_);
  }

  int run(const GlobalOptions& global) override {
    genl::Client client;
    if (!change_.empty()) {
      client.set_config(change_);
      return kExitOk;
    }
    const genl::Config config = client.get_config();
    if (json_ || global.json) {
      std::cout << config_json(config).dump(2) << '\n';
    } else {
      std::cout << config_text(config);
    }
    return kExitOk;
  }

 private:
  genl::ConfigChange change_;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_config_command() { return std::make_unique<ConfigCommand>(); }

}  // namespace knits::ctl
