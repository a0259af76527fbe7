// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_SPLICER_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_SPLICER_H

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "genl/splice.h"

namespace knits::testnode {

// One splice request of a node: c1 and c2 as "LOCAL,PEER" (what the node's
// own sockets say), and the byte counts T and S.
struct SpliceCall {
  std::string c1;
  std::string c2;
  std::uint64_t t = 0;
  std::uint64_t s = 0;
};

// @call as the kernel's and knitsd's request. Throws genl::Error for a
// connection that does not read as "LOCAL,PEER".
[[nodiscard]] genl::SpliceRequest splice_request(const SpliceCall& call);

struct SpliceAnswer {
  bool ok = false;
  std::uint64_t p = 0;  // the switch point, when ok
  std::string error;    // why not ok: the gateway's reason, or what failed
  std::string output;   // a splice command's standard output, for the log
};

// What asks the gateway for a splice. Implementations are safe to call
// from every connection's thread at once, and never throw: a failure is
// an answer that is not ok.
class Splicer {
 public:
  Splicer() = default;
  Splicer(const Splicer&) = delete;
  Splicer& operator=(const Splicer&) = delete;
  Splicer(Splicer&&) = delete;
  Splicer& operator=(Splicer&&) = delete;
  virtual ~Splicer() = default;

  [[nodiscard]] virtual SpliceAnswer splice(const SpliceCall& call) = 0;
};

// Runs @argv with --c1 --c2 --t --s --json appended (knitsctl splice, or a
// stand-in in the self-test) for each request.
[[nodiscard]] std::unique_ptr<Splicer> make_command_splicer(std::vector<std::string> argv);

// Sends KNITS_CMD_SPLICE over generic netlink, from a socket opened in the
// network namespace at @netns_path (the gateway's, /run/netns/NAME): no
// process per hand-off, so the VM tests can run a thousand of them.
// Throws std::runtime_error if the namespace or the family cannot be
// reached.
[[nodiscard]] std::unique_ptr<Splicer> make_netlink_splicer(const std::string& netns_path);

// Signs each request with the node library and sends it to knitsd at
// @gateway (ADDR:PORT) as node @node_id with key @key_id (64 hex digits in
// @key_file). Throws std::runtime_error for a bad option.
struct UdpSplicerOptions {
  std::string gateway;
  std::uint32_t node_id = 0;
  std::uint32_t key_id = 1;
  std::string key_file;
};
[[nodiscard]] std::unique_ptr<Splicer> make_udp_splicer(const UdpSplicerOptions& options);

// Asks @inner for every splice twice; the repeat must be answered ok with
// the same P (the gateway recognises a resent request).
[[nodiscard]] std::unique_ptr<Splicer> make_twice_splicer(std::shared_ptr<Splicer> inner);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_SPLICER_H
