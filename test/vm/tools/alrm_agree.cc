// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// alrm_agree: checks libalrm's reference evaluator against the module's
// real choices (test/vm/cases/alrm-agree.sh).
//
//   alrm_agree lookup --vip V --key HEX --clients N [--seed S]
//       (gateway) N random clients: KNITS_CMD_LOOKUP against the evaluator
//       (sh, mh).
//   alrm_agree connect --vip V --count N --port-base P [--hold]
//       (client) N connections one after another from ports P..P+N-1,
//       each established before the next begins; closed at once, or with
//       --hold kept open until stdin closes.
//   alrm_agree listen --port P --backlog N
//       (node) a listener that never accepts: held connections wait in
//       its accept queue, so that a node holds thousands of them without
//       a descriptor each (the backlog is capped by net.core.somaxconn).
//       Runs until killed.
//   alrm_agree sequence --vip V --count N --port-base P
//       (gateway) the members the module gave those connections, against
//       the evaluator's sequence (rr, wrr) or its least-loaded choice as
//       the connections stay established (lc).
//
// Each prints one JSON object {"checked":N,"disagree":M,"per_member":{...}}
// and exits 1 if M > 0 or nothing was checked.

#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "genl/endpoint.h"
#include "genl/hex.h"
#include "genl/knits_genl.h"
#include "libalrm/apply.h"
#include "libalrm/descriptor.h"
#include "libalrm/evaluator.h"
#include "node/socket_endpoint.h"

namespace {

using knits::alrm::Evaluator;
using knits::alrm::Scheduler;
using knits::genl::Endpoint;

struct Options {
  std::string vip;
  std::string key;
  unsigned clients = 10000;
  unsigned count = 0;
  unsigned port_base = 0;
  std::uint64_t seed = 1;
  bool hold = false;
  std::uint16_t port = 0;
  int backlog = 0;
};

Scheduler scheduler_of(const std::string& name) {
  for (Scheduler s :
       {Scheduler::kRr, Scheduler::kWrr, Scheduler::kLc, Scheduler::kSh, Scheduler::kMh}) {
    if (name == knits::alrm::scheduler_name(s)) {
      return s;
    }
  }
  throw std::runtime_error("unknown scheduler " + name);
}

using ServiceView = knits::alrm::KernelService;

// The service at @vip and its members, in the module's order.
ServiceView read_service(knits::genl::Client& client, const Endpoint& vip) {
  for (ServiceView& view : knits::alrm::NetlinkServices(client).read()) {
    if (view.service.vip == vip) {
      return view;
    }
  }
  throw std::runtime_error("no service " + knits::genl::to_string(vip));
}

Evaluator evaluator_of(const ServiceView& view, const knits::genl::HashKey& key) {
  std::vector<knits::alrm::EvaluatedMember> members;
  for (const knits::genl::Member& m : view.members) {
    members.push_back({m.endpoint, m.weight, m.state == KNITS_MEMBER_ACTIVE});
  }
  return {scheduler_of(view.service.sched), members, view.service.mh_table_size, key};
}

std::string member_name(const ServiceView& view, std::optional<std::size_t> index) {
  return index ? knits::genl::to_string(view.members.at(*index).endpoint) : "none";
}

int report(unsigned checked, unsigned disagree, const std::map<std::string, unsigned>& counts) {
  nlohmann::json out{{"checked", checked}, {"disagree", disagree}, {"per_member", counts}};
  std::cout << out.dump() << '\n';
  return checked > 0 && disagree == 0 ? 0 : 1;
}

Endpoint random_client(std::mt19937_64& rng, std::uint16_t family) {
  Endpoint client;
  client.family = family;
  const std::size_t len = knits::genl::address_size(family);
  for (std::size_t i = 0; i < len; i++) {
    client.address.at(i) = static_cast<std::uint8_t>(rng());
  }
  return client;
}

int run_lookup(const Options& options) {
  knits::genl::HashKey key{};
  knits::genl::parse_hex_key(options.key, key, "hash key");
  knits::genl::Client client;
  const Endpoint vip = knits::genl::parse_endpoint(options.vip);
  const ServiceView view = read_service(client, vip);
  const Evaluator evaluator = evaluator_of(view, key);
  std::mt19937_64 rng(options.seed);
  unsigned disagree = 0;
  std::map<std::string, unsigned> counts;
  for (unsigned i = 0; i < options.clients; i++) {
    const Endpoint who = random_client(rng, vip.family);
    const std::optional<Endpoint> got = client.lookup(vip, knits::genl::AddressAndPort{who, false});
    const std::optional<std::size_t> want = evaluator.by_client(who);
    const std::string want_name = member_name(view, want);
    const std::string got_name = got ? knits::genl::to_string(*got) : "none";
    counts[got_name]++;
    if (got_name != want_name) {
      if (disagree++ < 5) {
        std::cerr << "client " << knits::genl::address_to_string(who) << ": module " << got_name
                  << ", evaluator " << want_name << '\n';
      }
    }
  }
  return report(options.clients, disagree, counts);
}

// Room for @count held connections: root may raise its own hard limit.
void allow_descriptors(unsigned count) {
  rlimit limit{};
  const rlim_t want = count + 64;
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur >= want) {
    return;
  }
  limit.rlim_cur = want;
  limit.rlim_max = std::max(limit.rlim_max, want);
  if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
    throw std::runtime_error("cannot allow " + std::to_string(want) + " open files");
  }
}

int run_connect(const Options& options) {
  const Endpoint vip = knits::genl::parse_endpoint(options.vip);
  if (options.hold) {
    allow_descriptors(options.count);
  }
  std::vector<int> held;
  for (unsigned i = 0; i < options.count; i++) {
    const int fd = ::socket(vip.family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      throw std::runtime_error("socket failed");
    }
    Endpoint local;
    local.family = vip.family;
    local.port = static_cast<std::uint16_t>(options.port_base + i);
    const knits::node::SocketAddress from = knits::node::to_socket_address(local);
    const knits::node::SocketAddress to = knits::node::to_socket_address(vip);
    if (::bind(fd, &from.addr.any, from.size) != 0 || ::connect(fd, &to.addr.any, to.size) != 0) {
      throw std::runtime_error("connection " + std::to_string(i) + " from port " +
                               std::to_string(local.port) + " failed");
    }
    if (options.hold) {
      held.push_back(fd);
    } else {
      ::close(fd);
    }
  }
  std::cout << nlohmann::json{{"connected", options.count}}.dump() << '\n' << std::flush;
  if (options.hold) {
    std::string line;
    while (std::getline(std::cin, line)) {
    }
    for (int fd : held) {
      ::close(fd);
    }
  }
  return 0;
}

int run_listen(const Options& options) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int one = 1;
  Endpoint any;
  any.family = AF_INET;
  any.port = options.port;
  const knits::node::SocketAddress at = knits::node::to_socket_address(any);
  if (fd < 0 || ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
      ::bind(fd, &at.addr.any, at.size) != 0 || ::listen(fd, options.backlog) != 0) {
    throw std::runtime_error("cannot listen on port " + std::to_string(options.port));
  }
  std::cout << nlohmann::json{{"listening", options.port}}.dump() << '\n' << std::flush;
  for (;;) {
    ::pause();
  }
}

int run_sequence(const Options& options) {
  knits::genl::Client client;
  const Endpoint vip = knits::genl::parse_endpoint(options.vip);
  const ServiceView view = read_service(client, vip);
  Evaluator evaluator = evaluator_of(view, knits::genl::HashKey{});
  std::map<std::uint16_t, Endpoint> member_of_port;
  for (const knits::genl::Conn& conn : client.get_conns()) {
    if (conn.vip == vip) {
      member_of_port[conn.client.port] = conn.member;
    }
  }
  std::vector<knits::alrm::MemberLoad> loads(view.members.size());
  unsigned disagree = 0;
  std::map<std::string, unsigned> counts;
  for (unsigned i = 0; i < options.count; i++) {
    const auto port = static_cast<std::uint16_t>(options.port_base + i);
    const auto it = member_of_port.find(port);
    const std::string got =
        it == member_of_port.end() ? "missing" : knits::genl::to_string(it->second);
    const std::optional<std::size_t> want =
        evaluator.scheduler() == Scheduler::kLc ? evaluator.least_loaded(loads) : evaluator.next();
    if (want) {
      // held connections are established when the next one is made
      loads[*want].conns++;
      loads[*want].active_conns++;
    }
    counts[got]++;
    if (got != member_name(view, want) && disagree++ < 5) {
      std::cerr << "connection " << i << " (port " << port << "): module " << got << ", evaluator "
                << member_name(view, want) << '\n';
    }
  }
  return report(options.count, disagree, counts);
}

int agree_main(int argc, char** argv) {
  CLI::App app{"alrm_agree: libalrm's evaluator against the module's choices"};
  app.require_subcommand(1);
  Options options;
  CLI::App* lookup = app.add_subcommand("lookup", "sh, mh: random clients looked up");
  CLI::App* connect = app.add_subcommand("connect", "make connections one after another");
  CLI::App* sequence = app.add_subcommand("sequence", "rr, wrr, lc: the connections' members");
  for (CLI::App* sub : {lookup, connect, sequence}) {
    sub->add_option("--vip", options.vip, "The service")->required();
  }
  lookup->add_option("--key", options.key, "The schedulers' hash key (hex)")->required();
  lookup->add_option("--clients", options.clients, "Clients to look up");
  lookup->add_option("--seed", options.seed, "Random seed");
  for (CLI::App* sub : {connect, sequence}) {
    sub->add_option("--count", options.count, "Connections")->required();
    sub->add_option("--port-base", options.port_base, "First client port")->required();
  }
  connect->add_flag("--hold", options.hold, "Keep them open until stdin closes");
  CLI::App* listen = app.add_subcommand("listen", "a listener that never accepts");
  listen->add_option("--port", options.port, "The port")->required();
  listen->add_option("--backlog", options.backlog, "Its accept queue")->required();
  CLI11_PARSE(app, argc, argv);
  try {
    if (lookup->parsed()) {
      return run_lookup(options);
    }
    if (connect->parsed()) {
      return run_connect(options);
    }
    if (listen->parsed()) {
      return run_listen(options);
    }
    return run_sequence(options);
  } catch (const std::exception& e) {
    std::cerr << "alrm_agree: " << e.what() << '\n';
    return 2;
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return agree_main(argc, argv);
  } catch (...) {
    return 2;
  }
}
