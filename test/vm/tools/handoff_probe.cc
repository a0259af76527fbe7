// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// handoff_probe: sends knitsd the hand-off requests a real node never
// sends (forged, truncated, oversized, stale, replayed, not its flows), or
// a flood of forged ones, and reports what came back as JSON:
// {"sent":N,"answers":M,"statuses":["not_owner",...]}. The VM tests check
// that none of them splices and that knitsd counts each by its reason.
// "valid" and "prepare" send a real node's SPLICE and PREPARE requests;
// "echo" sends valid ones to a UDP echo server, the baseline of the
// control plane's benchmark.

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "genl/endpoint.h"
#include "genl/splice.h"
#include "handoff/key.h"
#include "handoff/status.h"
#include "handoff/wire.h"
#include "knits_handoff.h"
#include "node/knitsd_socket.h"

namespace {

using knits::genl::Endpoint;
namespace handoff = knits::handoff;

struct Options {
  std::string gateway;
  std::uint32_t node_id = 0;
  std::uint32_t key_id = 1;
  std::string key_file;
  std::string what;
  unsigned count = 1;
  std::string c1 = "0.0.0.0:80,10.0.0.2:1";
  std::string c2 = "0.0.0.0:1,10.1.2.2:80";
  std::uint64_t t = 0;
  std::uint64_t s = 0;
  bool closed_loop = false;
};

class Probe {
 public:
  explicit Probe(const Options& options)
      : options_(options),
        socket_(knits::genl::parse_endpoint(options.gateway)),
        self_(socket_.local()) {
    std::ifstream file(options.key_file);
    std::stringstream text;
    text << file.rdbuf();
    key_ = handoff::parse_key(text.str());
  }

  // A well-formed splice request of this node ("0.0.0.0" in --c1/--c2
  // stands for its own address), new id, counter now + @skew_ns.
  std::vector<std::uint8_t> request(std::int64_t skew_ns = 0, std::uint32_t key_id = 0,
                                    std::uint32_t node_id = 0, const char* local = nullptr,
                                    std::uint64_t counter = 0) {
    knits::genl::SpliceRequest splice{connection(options_.c1, local),
                                      connection(options_.c2, local), options_.t, options_.s};
    return message(splice, skew_ns, key_id, node_id, counter);
  }

  // A well-formed prepare of --c1, to --c2's peer.
  std::vector<std::uint8_t> prepare_request() {
    return message(
        handoff::Prepare{connection(options_.c1, nullptr), connection(options_.c2, nullptr).peer},
        0, 0, 0, 0);
  }

  void send(const std::vector<std::uint8_t>& bytes) {
    (void)::send(socket_.fd(), bytes.data(), bytes.size(), 0);
    sent_++;
  }

  // Answers until none comes for @quiet, or @most have come.
  void collect(std::chrono::milliseconds quiet, std::size_t most = SIZE_MAX) {
    std::array<std::uint8_t, KNITS_HANDOFF_MAX_LEN + 1> buffer{};
    pollfd readable{socket_.fd(), POLLIN, 0};
    for (std::size_t got = 0; got<most&& ::poll(&readable, 1, static_cast<int>(quiet.count()))> 0;
         got++) {
      const ssize_t n = ::recv(socket_.fd(), buffer.data(), buffer.size(), 0);
      if (n <= 0) {
        continue;
      }
      if (any_datagram_) {
        statuses_.emplace_back("echo");
        continue;
      }
      const auto read = handoff::read_frame(std::span(buffer).first(static_cast<std::size_t>(n)),
                                            handoff::Expect::kAnswer);
      if (const auto* frame = std::get_if<handoff::Frame>(&read)) {
        statuses_.push_back(handoff::status_name(handoff::read_answer(frame->body).status));
      }
    }
  }

  void count_any_datagram(bool any) { any_datagram_ = any; }

  [[nodiscard]] std::uint64_t counter() const { return header_.counter; }

  void report(std::optional<std::chrono::nanoseconds> took = std::nullopt) const {
    nlohmann::json out{{"sent", sent_}, {"answers", statuses_.size()}, {"statuses", statuses_}};
    if (took) {
      // one request at a time: the rate of whole exchanges
      out["per_second"] = static_cast<double>(statuses_.size()) * 1e9 /
                          static_cast<double>(std::max<std::int64_t>(took->count(), 1));
      out.erase("statuses");
    }
    std::cout << out.dump() << "\n";
  }

 private:
  static std::uint64_t now_ns() {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
  }

  std::vector<std::uint8_t> message(const handoff::Body& body, std::int64_t skew_ns,
                                    std::uint32_t key_id, std::uint32_t node_id,
                                    std::uint64_t counter) {
    header_.node_id = node_id != 0 ? node_id : options_.node_id;
    header_.key_id = key_id != 0 ? key_id : options_.key_id;
    header_.request_id = ++request_id_;
    header_.counter =
        counter != 0 ? counter
                     : static_cast<std::uint64_t>(static_cast<std::int64_t>(now_ns()) + skew_ns);
    return handoff::write_message(header_, body, key_, self_);
  }

  knits::genl::SpliceConnection connection(const std::string& text, const char* local) {
    knits::genl::SpliceConnection c = knits::genl::parse_splice_connection(text);
    const std::uint16_t port = c.local.port;
    if (local != nullptr) {
      c.local = knits::genl::parse_endpoint(std::string(local) + ":" + std::to_string(port));
    } else if (knits::genl::address_to_string(c.local) == "0.0.0.0") {
      c.local = self_;
      c.local.port = port;
    }
    return c;
  }

  const Options& options_;
  knits::node::KnitsdSocket socket_;
  Endpoint self_;
  handoff::Key key_{};
  handoff::Header header_;
  // random, as the node library's: knitsd remembers the ids it answered,
  // and one probe run after another must not reuse them
  std::uint64_t request_id_ =
      (std::uint64_t{std::random_device{}()} << 32U) | std::random_device{}();
  unsigned sent_ = 0;
  bool any_datagram_ = false;
  std::vector<std::string> statuses_;
};

int run(const Options& options) {
  Probe probe(options);
  const std::string& what = options.what;
  // a UDP echo server sends the request back: every datagram is an answer
  probe.count_any_datagram(what == "echo");
  const auto start = std::chrono::steady_clock::now();
  for (unsigned i = 0; i < options.count; i++) {
    std::vector<std::uint8_t> bytes = probe.request();
    if (what == "prepare") {
      bytes = probe.prepare_request();
    } else if (what == "valid" || what == "echo") {
      // as is: the kernel's answer (with the default flows, no_c1) is
      // the answer
    } else if (what == "bad-mac" || what == "flood") {
      bytes.back() ^= 1U;
    } else if (what == "unknown-key") {
      bytes = probe.request(0, options.key_id + 1000);
    } else if (what == "wrong-node") {
      // another configured node's id (the tests number nodes from 1)
      bytes = probe.request(0, 0, options.node_id > 1 ? options.node_id - 1 : 2);
    } else if (what == "truncated") {
      bytes.resize(50);
    } else if (what == "oversized") {
      bytes.resize(KNITS_HANDOFF_MAX_LEN + 100, 0);
    } else if (what == "stale") {
      bytes = probe.request(-60'000'000'000LL);
    } else if (what == "not-owner") {
      bytes = probe.request(0, 0, 0, "10.9.9.9");
    } else if (what == "replay") {
      // the request itself is answered; a new one with its counter is not
      probe.send(bytes);
      probe.collect(std::chrono::milliseconds(500));
      bytes = probe.request(0, 0, 0, nullptr, probe.counter());
    } else {
      throw CLI::ValidationError("--what", "unknown probe " + what);
    }
    probe.send(bytes);
    if (options.closed_loop) {
      probe.collect(std::chrono::milliseconds(1000), 1);
    }
  }
  if (options.closed_loop) {
    probe.report(std::chrono::steady_clock::now() - start);
    return 0;
  }
  probe.collect(std::chrono::milliseconds(what == "flood" ? 50 : 500));
  probe.report();
  return 0;
}

int probe_main(int argc, char** argv) {
  CLI::App app{"Sends knitsd hand-off requests no real node sends."};
  Options options;
  app.add_option("--gateway", options.gateway, "knitsd's ADDR:PORT")->required();
  app.add_option("--node-id", options.node_id, "The node id to claim")->required();
  app.add_option("--key-id", options.key_id, "The key id to claim");
  app.add_option("--key-file", options.key_file, "The node's key (64 hex digits)")->required();
  app.add_option("--what", options.what,
                 "valid, prepare, bad-mac, unknown-key, wrong-node, truncated, oversized, "
                 "stale, not-owner, replay, flood; echo (valid requests to a UDP echo server)")
      ->required();
  app.add_option("--count", options.count, "How many to send");
  app.add_flag("--closed-loop", options.closed_loop,
               "Send each request once the last is answered; report exchanges per second");
  app.add_option("--c1", options.c1, "c1 as LOCAL,PEER (0.0.0.0: this node)");
  app.add_option("--c2", options.c2,
                 "c2 as LOCAL,PEER (0.0.0.0: this node); a prepare's target is its peer");
  app.add_option("--t", options.t, "The splice's T");
  app.add_option("--s", options.s, "The splice's S");
  CLI11_PARSE(app, argc, argv);
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::cerr << "handoff_probe: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return probe_main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "handoff_probe: " << e.what() << "\n";
    return 1;
  }
}
