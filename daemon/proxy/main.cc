// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knits-proxy: the reference node proxy (Documentation/node-proxy.md).
// Serves a node's HTTP/1.1 clients from its own web server and hands a
// connection off through knitsd when a request is for content another
// node holds. Prints its counters as one JSON line on SIGUSR1 and when it
// stops (SIGINT, SIGTERM).

#include <csignal>
#include <cstddef>
#include <exception>
#include <functional>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>

#include "proxy/config.h"
#include "proxy/content_map.h"
#include "proxy/counters.h"
#include "proxy/listener.h"
#include "proxy/proxy_context.h"

namespace {

namespace asio = boost::asio;

void print_counters(const knits::proxy::ProxyContext& context) {
  std::cout << "knits-proxy: counters " << knits::proxy::to_json(context.counters) << std::endl;
}

// "TARGET NODE" a line; a node of 0: no node holds it (served locally).
void print_routes(const knits::proxy::ProxyConfig& config,
                  const std::vector<std::string>& targets) {
  const knits::proxy::ContentMap map = knits::proxy::content_map(config);
  for (const std::string& target : targets) {
    std::cout << target << ' ' << map.node_for(target).value_or(0) << '\n';
  }
}

int run(const std::string& config_path, std::size_t handoff_threads) {
  asio::thread_pool blocking(handoff_threads);
  // before io: the sessions io destroys at the end refer to it
  knits::proxy::ProxyContext context(knits::proxy::read_proxy_config_file(config_path), blocking);
  asio::io_context io(1);
  knits::proxy::Listener listener(io, context);
  asio::co_spawn(io, listener.run(), asio::detached);

  asio::signal_set stop(io, SIGINT, SIGTERM);
  stop.async_wait([&io](boost::system::error_code, int) { io.stop(); });
  asio::signal_set usr1(io, SIGUSR1);
  std::function<void(boost::system::error_code, int)> on_usr1;
  on_usr1 = [&](boost::system::error_code ec, int) {
    if (ec) {
      return;
    }
    print_counters(context);
    usr1.async_wait(on_usr1);
  };
  usr1.async_wait(on_usr1);
  std::cerr << "knits-proxy: node " << context.config.self << " listening on "
            << knits::genl::to_string(context.config.listen) << std::endl;
  io.run();
  listener.close();
  print_counters(context);
  blocking.join();
  return 0;
}

int proxy_main(int argc, char** argv) {
  CLI::App app{"knits-proxy: the reference knits node proxy for HTTP/1.1"};
  std::string config_path = "/etc/knits/proxy.toml";
  bool check = false;
  std::vector<std::string> routes;
  std::size_t handoff_threads = 4;
  app.add_option("-c,--config", config_path, "configuration file (TOML)")->capture_default_str();
  app.add_flag("--check", check, "read the configuration, report what is wrong, and exit");
  app.add_option("--route", routes,
                 "print which node serves each request TARGET (\"/a/b\"), and exit")
      ->take_all();
  app.add_option("--handoff-threads", handoff_threads,
                 "threads that wait for knitsd's answers (hand-offs in flight at once)")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  CLI11_PARSE(app, argc, argv);
  try {
    if (check) {
      (void)knits::proxy::read_proxy_config_file(config_path);
      std::cout << config_path << ": ok" << std::endl;
      return 0;
    }
    if (!routes.empty()) {
      print_routes(knits::proxy::read_proxy_config_file(config_path), routes);
      return 0;
    }
    return run(config_path, handoff_threads);
  } catch (const std::exception& e) {
    std::cerr << "knits-proxy: " << e.what() << std::endl;
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return proxy_main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "knits-proxy: " << e.what() << std::endl;
    return 1;
  }
}
