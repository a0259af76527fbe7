// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knits_testnode: the back-end node and the client of the VM hand-off
// tests.
//
//   knits_testnode serve --listen PORT --docroot DIR --self K
//                        [--node J=ADDR:PORT]...
//                        [--splice-cmd 'CMD ...' | --splice-netns PATH |
//                         --splice-udp ADDR:PORT --node-id N --key-file F]
//   knits_testnode client --connect ADDR:PORT --out DIR REQ...
//   knits_testnode load --connect ADDR:PORT --origin DIR --connections N
//                       [--parallel M] [--seed S] [--requests MIN-MAX] REQ...
//
// serve answers GET /nK/PATH from DIR and POST /nK/... with the body's
// SHA-256, and hands a connection off to node J at its first request for
// /nJ/... (ARCHITECTURE.md section 3.1), asking the gateway through the
// splice command. client sends pipelined requests (GET:/path,
// POST:/path:@FILE) and prints one JSON line per response. load runs many
// such connections at once, drawing their requests from REQ... so that
// each is handed off, checks every body and prints a JSON summary.
//
// Exit status: 0 success, 1 runtime failure, 2 usage error.

#include <charconv>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <CLI/CLI.hpp>

#include "testnode/client.h"
#include "testnode/client_request.h"
#include "testnode/load.h"
#include "testnode/serve.h"
#include "testnode/socket_address.h"
#include "testnode/splice_command.h"
#include "testnode/splicer.h"

namespace knits::testnode {
namespace {

constexpr const char* kProgram = "knits_testnode";
constexpr int kExitRuntimeError = 1;
constexpr int kExitUsageError = 2;

// Arguments that parsed one by one but make no sense.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

int usage_failure(const std::string& what) {
  std::cerr << kProgram << ": " << what << "\nTry '" << kProgram
            << " --help' for more information.\n";
  return kExitUsageError;
}

// "J=ADDR:PORT".
void add_node(ServeOptions& options, std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    throw UsageError("--node '" + std::string(text) + "': expected J=ADDR:PORT");
  }
  std::uint32_t id = 0;
  const std::string_view number = text.substr(0, equals);
  const char* end = number.data() + number.size();
  const auto [stop, ec] = std::from_chars(number.data(), end, id);
  if (number.empty() || ec != std::errc{} || stop != end) {
    throw UsageError("--node '" + std::string(text) + "': J must be a node number");
  }
  try {
    options.nodes[id] = parse_socket_address(text.substr(equals + 1));
  } catch (const std::exception& e) {
    throw UsageError(std::string("--node ") + e.what());
  }
}

struct CommandLine {
  ServeOptions serve;
  std::vector<std::string> nodes;
  std::string splice_command;
  std::string splice_netns;
  UdpSplicerOptions splice_udp;
  bool splice_twice = false;

  ClientOptions client;
  std::vector<std::string> requests;

  LoadOptions load;
  std::string load_requests;
};

void configure_serve(CLI::App& app, CommandLine& line) {
  app.add_option("--listen", line.serve.listen_port, "TCP port on [::] (0: any, logged)")
      ->required();
  app.add_option("--docroot", line.serve.docroot, "Directory of the files GET serves")
      ->required()
      ->check(CLI::ExistingDirectory);
  app.add_option("--self", line.serve.self, "This node's number K: it serves /nK/...")->required();
  app.add_option("--node", line.nodes, "Node J listens at ADDR:PORT (repeat per node)")
      ->type_name("J=ADDR:PORT");
  CLI::Option* command =
      app.add_option("--splice-cmd", line.splice_command,
                     "Command that asks the gateway to splice; gets --c1 --c2 --t --s --json");
  CLI::Option* netns =
      app.add_option("--splice-netns", line.splice_netns,
                     "Ask over generic netlink in this network namespace (/run/netns/NAME)")
          ->excludes(command);
  CLI::Option* udp =
      app.add_option("--splice-udp", line.splice_udp.gateway,
                     "Ask knitsd at ADDR:PORT with the node library (needs --key-file)")
          ->excludes(command)
          ->excludes(netns);
  app.add_option("--node-id", line.splice_udp.node_id, "This node's id at knitsd")->needs(udp);
  app.add_option("--key-id", line.splice_udp.key_id, "The id of this node's key")->needs(udp);
  app.add_option("--key-file", line.splice_udp.key_file, "This node's key (64 hex digits)")
      ->needs(udp);
  app.add_flag("--splice-twice", line.splice_twice,
               "Ask for every splice again at once: the repeat must get the same P");
}

void configure_client(CLI::App& app, CommandLine& line) {
  app.add_option("--connect", line.client.host, "Server ADDR:PORT")->required();
  app.add_option("--out", line.client.out_dir, "Directory for the bodies (0, 1, ...)")->required();
  app.add_option("requests", line.requests, "GET:/path or POST:/path:@FILE, in order")->required();
}

void configure_load(CLI::App& app, CommandLine& line) {
  app.add_option("--connect", line.load.host, "Server ADDR:PORT")->required();
  app.add_option("--origin", line.load.origin, "GET /nK/NAME must equal DIR/K/NAME")
      ->required()
      ->check(CLI::ExistingDirectory);
  app.add_option("--connections", line.load.connections, "Connections in all")
      ->required()
      ->check(CLI::Range(1U, 1000000U));
  app.add_option("--parallel", line.load.parallel, "Connections at once")
      ->check(CLI::Range(1U, 1000U));
  app.add_option("--seed", line.load.seed, "Seed of the request plan");
  app.add_option("--requests", line.load_requests, "Requests per connection, MIN-MAX")
      ->default_str("2-4");
  app.add_option("--timeout", line.load.timeout_seconds, "Seconds a connection may take")
      ->check(CLI::Range(1U, 3600U));
  app.add_option("requests", line.requests, "GET:/nK/path or POST:/nK/path:@FILE to draw from")
      ->required();
}

std::vector<ClientRequest> parse_requests(const std::vector<std::string>& specs) {
  std::vector<ClientRequest> requests;
  for (const std::string& spec : specs) {
    try {
      requests.push_back(parse_client_request(spec));
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
  }
  return requests;
}

// "MIN-MAX" into @low and @high, 1 <= MIN <= MAX <= 100.
void parse_range(const std::string& text, std::uint32_t& low, std::uint32_t& high) {
  const std::string_view whole{text};
  const std::size_t dash = whole.find('-');
  const std::string_view lo = whole.substr(0, dash);
  const std::string_view hi = dash == std::string_view::npos ? lo : whole.substr(dash + 1);
  constexpr std::uint32_t kMaxRequests = 100;
  const auto [lo_end, lo_ec] = std::from_chars(lo.data(), lo.data() + lo.size(), low);
  const auto [hi_end, hi_ec] = std::from_chars(hi.data(), hi.data() + hi.size(), high);
  if (lo.empty() || hi.empty() || lo_ec != std::errc{} || hi_ec != std::errc{} ||
      lo_end != lo.data() + lo.size() || hi_end != hi.data() + hi.size() || low < 1 || low > high ||
      high > kMaxRequests) {
    throw UsageError("--requests '" + text + "': expected MIN-MAX with 1 <= MIN <= MAX <= 100");
  }
}

int load_command(CommandLine& line) {
  try {
    line.load.server = parse_socket_address(line.load.host);
  } catch (const std::exception& e) {
    throw UsageError(std::string("--connect ") + e.what());
  }
  if (!line.load_requests.empty()) {
    parse_range(line.load_requests, line.load.min_requests, line.load.max_requests);
  }
  line.load.pool = parse_requests(line.requests);
  for (const ClientRequest& request : line.load.pool) {
    if (!request.path.starts_with("/n") || request.path.find('/', 2) == std::string::npos) {
      throw UsageError("'" + request.path + "': load requests are /nK/...");
    }
  }
  return run_load(line.load);
}

int serve_command(CommandLine& line) {
  for (const std::string& node : line.nodes) {
    add_node(line.serve, node);
  }
  if (!line.splice_udp.gateway.empty()) {
    line.serve.splicer = make_udp_splicer(line.splice_udp);
  } else if (!line.splice_netns.empty()) {
    line.serve.splicer = make_netlink_splicer(line.splice_netns);
  } else if (!line.splice_command.empty()) {
    line.serve.splicer = make_command_splicer(split_words(line.splice_command));
  }
  if (line.splice_twice && line.serve.splicer) {
    line.serve.splicer = make_twice_splicer(std::move(line.serve.splicer));
  }
  return serve(line.serve);
}

int client_command(CommandLine& line) {
  try {
    line.client.server = parse_socket_address(line.client.host);
  } catch (const std::exception& e) {
    throw UsageError(std::string("--connect ") + e.what());
  }
  line.client.requests = parse_requests(line.requests);
  return run_client(line.client);
}

int testnode_main(int argc, char** argv) {
  CLI::App app{"Back-end node and client for the knits hand-off tests.", kProgram};
  app.require_subcommand(1);
  CommandLine line;
  CLI::App* serve_app = app.add_subcommand("serve", "Serve files and hand connections off");
  configure_serve(*serve_app, line);
  CLI::App* client_app = app.add_subcommand("client", "Send pipelined requests on one connection");
  configure_client(*client_app, line);
  CLI::App* load_app = app.add_subcommand("load", "Many hand-off connections, every byte checked");
  configure_load(*load_app, line);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help is a ParseError that succeeds.
    return e.get_exit_code() == 0 ? app.exit(e) : usage_failure(e.what());
  }

  // A peer that closes early must cost a failed write, not the process.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    if (serve_app->parsed()) {
      return serve_command(line);
    }
    return load_app->parsed() ? load_command(line) : client_command(line);
  } catch (const UsageError& e) {
    return usage_failure(e.what());
  }
}

}  // namespace
}  // namespace knits::testnode

int main(int argc, char** argv) {
  try {
    return knits::testnode::testnode_main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "knits_testnode: " << e.what() << '\n';
    return knits::testnode::kExitRuntimeError;
  }
}
