// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsd: the hand-off daemon (Documentation/knitsd.md). Reads its
// configuration, answers nodes' hand-off requests on UDP by asking the
// kernel for splices, serves its counters to Prometheus, and reloads its
// configuration on SIGHUP (all or nothing); applies it again to a module
// loaded again.

#include <csignal>
#include <exception>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <systemd/sd-daemon.h>

#include "genl/endpoint.h"
#include "genl/knits_genl.h"
#include "knitsd/config.h"
#include "knitsd/control.h"
#include "knitsd/control_socket.h"
#include "knitsd/handoff_service.h"
#include "knitsd/handoff_socket.h"
#include "knitsd/kernel.h"
#include "knitsd/metrics.h"
#include "knitsd/module_watch.h"
#include "knitsd/service_keeper.h"
#include "knitsd/status_json.h"
#include "libalrm/apply.h"

namespace {

namespace asio = boost::asio;
using knits::knitsd::Config;

void log(const std::string& line) { std::cerr << "knitsd: " << line << std::endl; }

void log_applied(const knits::alrm::ApplyResult& result) {
  for (const std::string& step : result.done) {
    log("services: " + step);
  }
  for (const knits::genl::Endpoint& vip : result.unmanaged) {
    log("services: " + knits::genl::to_string(vip) +
        " is in the module but not in the configuration; left alone");
  }
}

int run(const std::string& config_path) {
  Config config = knits::knitsd::read_config_file(config_path);
  knits::genl::Client services_client;
  knits::alrm::NetlinkServices services(services_client);
  const auto keeps_owners = [&services_client] {
    return services_client.get_status().abi_version >= knits::knitsd::kFirstAbiWithOwners;
  };
  knits::knitsd::ServiceKeeper keeper(services, keeps_owners());
  asio::io_context io;
  // A module loaded again has none of the services: apply them to it.
  // Watched before the first apply, so that a load in between is seen.
  std::optional<knits::knitsd::ModuleWatch> module_watch;
  try {
    module_watch.emplace(io, [&] {
      log("the knits module was loaded again: applying the configuration to it");
      try {
        keeper.set_mark_owner(keeps_owners());
        log_applied(keeper.apply(config.descriptor));
      } catch (const std::exception& e) {
        log(std::string("applying the configuration to the new module failed: ") + e.what());
      }
    });
  } catch (const std::exception& e) {
    log(std::string("not watching for the module being loaded again: ") + e.what());
  }
  log_applied(keeper.apply(config.descriptor));
  std::unique_ptr<knits::knitsd::Kernel> kernel = knits::knitsd::make_netlink_kernel();
  knits::knitsd::HandoffService service(config.nodes, config.limits, *kernel,
                                        knits::knitsd::Now::current());
  knits::knitsd::HandoffSocket socket(
      io, config.handoff_listen,
      [&service]() -> knits::knitsd::HandoffService& { return service; });
  std::optional<knits::knitsd::MetricsServer> metrics;
  if (config.metrics_listen) {
    metrics.emplace(io, *config.metrics_listen,
                    [&service] { return knits::knitsd::render_metrics(service.counters()); });
  }
  asio::signal_set stop(io, SIGINT, SIGTERM);
  stop.async_wait([&io](boost::system::error_code, int) { io.stop(); });
  // SIGHUP and the control socket's reload: all or nothing
  const auto reload = [&]() -> std::optional<std::string> {
    try {
      Config fresh = knits::knitsd::read_config_file(config_path);
      if (fresh.handoff_listen != config.handoff_listen ||
          fresh.metrics_listen != config.metrics_listen ||
          fresh.control_socket != config.control_socket) {
        log("reload: listening addresses change only with a restart; kept the old ones");
      }
      if (fresh.limits.rate != config.limits.rate || fresh.limits.burst != config.limits.burst ||
          fresh.limits.answer_cache != config.limits.answer_cache) {
        log("reload: rate, burst and answer_cache apply to new nodes; nodes that stay keep "
            "theirs until a restart");
      }
      // services first: of the two, only the module can refuse
      log_applied(keeper.apply(fresh.descriptor));
      service.reconfigure(fresh.nodes, fresh.limits, knits::knitsd::Now::current());
      log("reloaded " + config_path + ": " + std::to_string(fresh.nodes.size()) + " nodes, " +
          std::to_string(fresh.descriptor.services.size()) + " services");
      fresh.handoff_listen = config.handoff_listen;
      fresh.metrics_listen = config.metrics_listen;
      fresh.control_socket = config.control_socket;
      config = std::move(fresh);
      return std::nullopt;
    } catch (const std::exception& e) {
      log(std::string("reload refused, nothing changed: ") + e.what());
      return e.what();
    }
  };
  asio::signal_set hup(io, SIGHUP);
  std::function<void(boost::system::error_code, int)> on_hup;
  on_hup = [&](boost::system::error_code ec, int) {
    if (ec) {
      return;
    }
    (void)reload();
    hup.async_wait(on_hup);
  };
  std::optional<knits::knitsd::ControlSocket> control;
  if (!config.control_socket.empty()) {
    control.emplace(
        io, config.control_socket,
        knits::knitsd::ControlActions{[&] {
                                        return knits::knitsd::daemon_status(
                                            config_path, config, keeper, service.counters());
                                      },
                                      reload,
                                      [](const std::string& path) -> std::optional<std::string> {
                                        try {
                                          (void)knits::knitsd::validate_config_file(path);
                                          return std::nullopt;
                                        } catch (const std::exception& e) {
                                          return e.what();
                                        }
                                      }});
  }
  hup.async_wait(on_hup);
  log("answering hand-off requests on " + knits::genl::to_string(config.handoff_listen) + " for " +
      std::to_string(config.nodes.size()) + " nodes; keeping " +
      std::to_string(keeper.managed().size()) + " services");
  sd_notify(0, "READY=1");
  io.run();
  sd_notify(0, "STOPPING=1");
  return 0;
}

int knitsd_main(int argc, char** argv) {
  CLI::App app{"knitsd: the knits hand-off daemon"};
  std::string config_path = "/etc/knits/knitsd.toml";
  bool check = false;
  app.add_option("-c,--config", config_path, "Configuration file")->capture_default_str();
  app.add_flag("--check", check, "Only read the configuration and say whether it is valid");
  app.set_version_flag("--version", std::string("knitsd ") + KNITS_VERSION_STRING);
  CLI11_PARSE(app, argc, argv);
  try {
    if (check) {
      const Config config = knits::knitsd::validate_config_file(config_path);
      std::cout << config_path << ": valid, " << config.nodes.size() << " nodes, "
                << config.descriptor.services.size() << " services\n";
      return 0;
    }
    return run(config_path);
  } catch (const std::exception& e) {
    log(e.what());
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return knitsd_main(argc, argv);
  } catch (const std::exception& e) {
    log(e.what());
    return 1;
  }
}
