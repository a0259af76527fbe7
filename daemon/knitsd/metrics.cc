// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsd/metrics.h"

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "handoff/asio_endpoint.h"
#include "handoff/status.h"

namespace knits::knitsd {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Tcp = asio::ip::tcp;

void family(std::string& out, const std::string& name, const std::string& help) {
  out += "# HELP " + name + " " + help + "\n# TYPE " + name + " counter\n";
}

void answers(std::string& out, const char* type, const std::map<std::uint32_t, std::uint64_t>& by) {
  for (const auto& [status, n] : by) {
    out += std::string("knitsd_handoff_answers_total{type=\"") + type + "\",status=\"" +
           handoff::status_name(status) + "\"} " + std::to_string(n) + "\n";
  }
}

// Both families of the kernel's time, each with its samples after its
// HELP and TYPE lines, as the text format wants.
void kernel_time(std::string& out, const Counters& counters) {
  const std::array<std::pair<const char*, const Counters::KernelTime*>, 2> types{
      {{"splice", &counters.splice_kernel}, {"prepare", &counters.prepare_kernel}}};
  family(out, "knitsd_kernel_calls_total", "Requests knitsd made of the kernel, by type.");
  for (const auto& [type, time] : types) {
    out += std::string("knitsd_kernel_calls_total{type=\"") + type + "\"} " +
           std::to_string(time->calls) + "\n";
  }
  family(out, "knitsd_kernel_seconds_total",
         "Time knitsd waited for the kernel's answers, by request type.");
  for (const auto& [type, time] : types) {
    out += std::string("knitsd_kernel_seconds_total{type=\"") + type + "\"} " +
           std::to_string(static_cast<double>(time->ns) / 1e9) + "\n";
  }
}

// One connection: one request, one response, closed (Prometheus scrapes
// are rare and small; no keep-alive to bound).
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Tcp::socket socket, std::function<std::string()> render)
      : stream_(std::move(socket)), render_(std::move(render)) {}

  void start() {
    stream_.expires_after(std::chrono::seconds(5));
    parser_.header_limit(8192);
    parser_.body_limit(0);
    http::async_read(stream_, buffer_, parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (!ec) {
                         self->respond();
                       }
                     });
  }

 private:
  void respond() {
    const auto& request = parser_.get();
    response_.version(request.version());
    response_.keep_alive(false);
    if (request.method() != http::verb::get || request.target() != "/metrics") {
      response_.result(http::status::not_found);
      response_.body() = "knitsd serves GET /metrics\n";
    } else {
      response_.result(http::status::ok);
      response_.set(http::field::content_type, "text/plain; version=0.0.4");
      response_.body() = render_();
    }
    response_.prepare_payload();
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code, std::size_t) {
                        beast::error_code ignored;
                        self->stream_.socket().shutdown(Tcp::socket::shutdown_send, ignored);
                      });
  }

  beast::tcp_stream stream_;
  std::function<std::string()> render_;
  beast::flat_buffer buffer_;
  http::request_parser<http::empty_body> parser_;
  http::response<http::string_body> response_;
};

}  // namespace

std::string render_metrics(const Counters& counters) {
  std::string out;
  family(out, "knitsd_handoff_dropped_total",
         "Hand-off datagrams dropped without an answer, by reason.");
  for (std::size_t i = 0; i < counters.drops.size(); i++) {
    out += "knitsd_handoff_dropped_total{reason=\"" + std::string(drop_name(static_cast<Drop>(i))) +
           "\"} " + std::to_string(counters.drops.at(i)) + "\n";
  }
  family(out, "knitsd_handoff_resent_total",
         "Requests sent again by their node and answered from the answer cache.");
  out += "knitsd_handoff_resent_total " + std::to_string(counters.resent) + "\n";
  family(out, "knitsd_handoff_answers_total", "Answers to new requests, by type and status.");
  answers(out, "splice", counters.splice_answers);
  answers(out, "prepare", counters.prepare_answers);
  kernel_time(out, counters);
  return out;
}

struct MetricsServer::Impl {
  Impl(asio::io_context& io, const genl::Endpoint& listen, std::function<std::string()> r)
      : acceptor(io, Tcp::endpoint(handoff::to_asio(listen), listen.port)), render(std::move(r)) {}

  void accept() {
    acceptor.async_accept([this](beast::error_code ec, Tcp::socket socket) {
      if (ec == asio::error::operation_aborted) {
        return;
      }
      if (!ec) {
        std::make_shared<Session>(std::move(socket), render)->start();
      }
      accept();
    });
  }

  Tcp::acceptor acceptor;
  std::function<std::string()> render;
};

MetricsServer::MetricsServer(asio::io_context& io, const genl::Endpoint& listen,
                             std::function<std::string()> render)
    : impl_(std::make_unique<Impl>(io, listen, std::move(render))) {
  impl_->accept();
}

MetricsServer::~MetricsServer() = default;

}  // namespace knits::knitsd
