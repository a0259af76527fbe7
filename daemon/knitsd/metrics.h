// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsd's counters in the Prometheus text exposition format, and the
// local HTTP endpoint that serves them (GET /metrics, Boost.Beast).

#ifndef KNITS_DAEMON_KNITSD_METRICS_H
#define KNITS_DAEMON_KNITSD_METRICS_H

#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "genl/endpoint.h"
#include "knitsd/counters.h"

namespace knits::knitsd {

[[nodiscard]] std::string render_metrics(const Counters& counters);

class MetricsServer {
 public:
  // Serves what @render returns, on @listen, from @io's thread.
  MetricsServer(boost::asio::io_context& io, const genl::Endpoint& listen,
                std::function<std::string()> render);
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;
  MetricsServer(MetricsServer&&) = delete;
  MetricsServer& operator=(MetricsServer&&) = delete;
  ~MetricsServer();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace knits::knitsd

#endif  // KNITS_DAEMON_KNITSD_METRICS_H
