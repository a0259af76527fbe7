// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The production path: the node library signs the request and sends it to
// knitsd over UDP, which asks the kernel.

#include <exception>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "genl/endpoint.h"
#include "genl/splice.h"
#include "handoff/key.h"
#include "handoff/status.h"
#include "knits_handoff.h"
#include "node/handoff_client.h"
#include "testnode/splicer.h"

namespace knits::testnode {
namespace {

class UdpSplicer final : public Splicer {
 public:
  explicit UdpSplicer(const node::HandoffClientConfig& config) : client_(config) {}

  SpliceAnswer splice(const SpliceCall& call) override {
    SpliceAnswer answer;
    try {
      const node::HandoffResult result = client_.splice(splice_request(call));
      answer.output = "tries=" + std::to_string(result.tries);
      if (result.status != KNITS_HANDOFF_OK) {
        answer.error = "refused: " + handoff::status_name(result.status);
        return answer;
      }
      answer.p = result.p;
      answer.ok = true;
    } catch (const std::exception& e) {
      answer.error = e.what();
    }
    return answer;
  }

 private:
  node::HandoffClient client_;
};

}  // namespace

std::unique_ptr<Splicer> make_udp_splicer(const UdpSplicerOptions& options) {
  try {
    node::HandoffClientConfig config;
    config.gateway = genl::parse_endpoint(options.gateway);
    config.node_id = options.node_id;
    config.key_id = options.key_id;
    std::ifstream file(options.key_file);
    std::stringstream key;
    key << file.rdbuf();
    if (!file) {
      throw std::runtime_error("cannot read " + options.key_file);
    }
    config.key = handoff::parse_key(key.str());
    return std::make_unique<UdpSplicer>(config);
  } catch (const std::exception& e) {
    throw std::runtime_error("--splice-udp " + options.gateway + ": " + e.what());
  }
}

}  // namespace knits::testnode
