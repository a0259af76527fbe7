// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The node library (daemon/node) against a knitsd pipeline on loopback:
// answers that verify are taken, lost ones are recovered by sending the
// same bytes again (and knitsd makes one splice of them), forged ones and
// silence end in an error at the deadline; the C API's error paths.

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "genl/endpoint.h"
#include "genl/splice.h"
#include "handoff/key.h"
#include "handoff_requests.h"
#include "knits.h"
#include "knits_handoff.h"
#include "knitsd/handoff_service.h"
#include "knitsd/kernel.h"
#include "node/handoff_client.h"
#include "node/knits_node.h"
#include "node/socket_endpoint.h"
#include "posix/unique_fd.h"

namespace {

using knits::UniqueFd;
using knits::genl::Endpoint;
using knits::genl::parse_endpoint;
using knits::genl::SpliceReply;
using knits::genl::SpliceRequest;
using knits::node::HandoffClient;
using knits::node::HandoffClientConfig;

constexpr const char* kKeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr const char* kOtherKeyHex =
    "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

class CountingKernel final : public knits::knitsd::Kernel {
 public:
  SpliceReply splice(const SpliceRequest& /*request*/) override {
    calls++;
    return SpliceReply{KNITS_SPLICE_OK, 77};
  }
  std::uint32_t prepare(const knits::genl::SpliceConnection& /*c1*/) override {
    prepares++;
    return KNITS_SPLICE_OK;
  }
  std::atomic<int> calls{0};
  std::atomic<int> prepares{0};
};

// A socket of @type bound to 127.0.0.1 on a port of the kernel's choice.
int bound_loopback(int type) {
  const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
  const knits::node::SocketAddress any =
      knits::node::to_socket_address(parse_endpoint("127.0.0.1:1"));
  knits::node::SocketAddress at = any;
  at.addr.v4.sin_port = 0;
  EXPECT_EQ(::bind(fd, &at.addr.any, at.size), 0);
  return fd;
}

Endpoint local_of(int fd) {
  return knits::node::from_socket_address(knits::node::local_address(fd));
}

// knitsd on loopback: the HandoffService behind a UDP socket, in a thread,
// for node 1 at 127.0.0.1. @drop datagrams are ignored first (lost); with
// @forge, answers are sent tagged with another key.
class Responder {
 public:
  Responder(int drop, bool forge)
      : socket_(bound_loopback(SOCK_DGRAM)), drop_(drop), forge_(forge) {
    knits::knitsd::NodeConfig node;
    node.id = 1;
    node.address = parse_endpoint("127.0.0.1:1");
    node.keys.emplace(1, knits::handoff::parse_key(kKeyHex));
    service_.emplace(std::vector{node}, knits::knitsd::HandoffLimits{}, kernel_,
                     knits::knitsd::Now::current());
    thread_ = std::thread([this] { serve(); });
  }
  Responder(const Responder&) = delete;
  Responder& operator=(const Responder&) = delete;
  Responder(Responder&&) = delete;
  Responder& operator=(Responder&&) = delete;
  ~Responder() {
    stop_ = true;
    thread_.join();
  }

  [[nodiscard]] Endpoint address() const { return local_of(socket_.get()); }
  [[nodiscard]] int splices() const { return kernel_.calls; }
  [[nodiscard]] int prepares() const { return kernel_.prepares; }
  [[nodiscard]] int received() const { return received_; }

 private:
  void serve() {
    std::array<std::uint8_t, KNITS_HANDOFF_MAX_LEN + 1> buffer{};
    while (!stop_) {
      pollfd readable{socket_.get(), POLLIN, 0};
      if (::poll(&readable, 1, 20) <= 0) {
        continue;
      }
      knits::node::SocketAddress from;
      const ssize_t n =
          ::recvfrom(socket_.get(), buffer.data(), buffer.size(), 0, &from.addr.any, &from.size);
      if (n <= 0 || received_++ < drop_) {
        continue;
      }
      std::optional<std::vector<std::uint8_t>> answer =
          service_->handle(std::span(buffer).first(static_cast<std::size_t>(n)),
                           knits::node::from_socket_address(from), knits::knitsd::Now::current());
      if (answer && forge_) {
        answer->back() ^= 1U;  // a tag no key of the node makes
      }
      if (answer) {
        (void)::sendto(socket_.get(), answer->data(), answer->size(), 0, &from.addr.any, from.size);
      }
    }
  }

  UniqueFd socket_;
  int drop_;
  bool forge_;
  CountingKernel kernel_;
  std::optional<knits::knitsd::HandoffService> service_;
  std::atomic<bool> stop_{false};
  std::atomic<int> received_{0};
  std::thread thread_;
};

HandoffClientConfig config_for(const Endpoint& knitsd, std::chrono::milliseconds deadline) {
  HandoffClientConfig config;
  config.gateway = knitsd;
  config.node_id = 1;
  config.key_id = 1;
  config.key = knits::handoff::parse_key(kKeyHex);
  config.deadline = deadline;
  config.first_wait = std::chrono::milliseconds(50);
  return config;
}

const SpliceRequest kSplice = node_splice("127.0.0.1", "10.0.0.5:40000", "10.1.2.2:80", 10, 20);

TEST(NodeClient, AnAnswerThatVerifiesIsTaken) {
  const Responder knitsd(0, false);
  HandoffClient client(config_for(knitsd.address(), std::chrono::milliseconds(2000)));
  const knits::node::HandoffResult result = client.splice(kSplice);
  EXPECT_EQ(result.status, KNITS_HANDOFF_OK);
  EXPECT_EQ(result.p, 77U);
  EXPECT_EQ(result.tries, 1U);
  EXPECT_EQ(knitsd.splices(), 1);
}

TEST(NodeClient, ALostRequestIsSentAgainAndSplicedOnce) {
  const Responder knitsd(1, false);
  HandoffClient client(config_for(knitsd.address(), std::chrono::milliseconds(2000)));
  const knits::node::HandoffResult result = client.splice(kSplice);
  EXPECT_EQ(result.status, KNITS_HANDOFF_OK);
  EXPECT_EQ(result.tries, 2U);
  EXPECT_EQ(knitsd.splices(), 1);
}

TEST(NodeClient, AForgedAnswerIsIgnoredUntilTheDeadline) {
  const Responder knitsd(0, true);
  HandoffClient client(config_for(knitsd.address(), std::chrono::milliseconds(300)));
  EXPECT_THROW((void)client.splice(kSplice), knits::node::HandoffError);
  // every try reached knitsd, which answered it (the same answer again)
  EXPECT_GE(knitsd.received(), 2);
  EXPECT_EQ(knitsd.splices(), 1);
}

TEST(NodeClient, SilenceEndsAtTheDeadline) {
  const UniqueFd silent(bound_loopback(SOCK_DGRAM));
  HandoffClient client(config_for(local_of(silent.get()), std::chrono::milliseconds(300)));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW((void)client.splice(kSplice), knits::node::HandoffError);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
}

TEST(NodeClientC, OpenRefusesABadKeyOrGatewayWithAMessage) {
  std::array<char, 128> err{};
  EXPECT_EQ(knits_node_open("127.0.0.1:7413", 1, 1, "abc", 0, err.data(), err.size()), nullptr);
  EXPECT_NE(std::string(err.data()).find("hexadecimal"), std::string::npos) << err.data();
  EXPECT_EQ(knits_node_open("127.0.0.1", 1, 1, kKeyHex, 0, err.data(), err.size()), nullptr);
  EXPECT_NE(std::string(err.data()), "");
  EXPECT_EQ(knits_node_open(nullptr, 1, 1, kKeyHex, 0, nullptr, 0), nullptr);
}

TEST(NodeClientC, SocketsThatAreNotConnectedAreRefused) {
  knits_node* node = knits_node_open("127.0.0.1:7413", 1, 1, kKeyHex, 0, nullptr, 0);
  ASSERT_NE(node, nullptr);
  const UniqueFd loose(bound_loopback(SOCK_STREAM));
  std::uint64_t p = 0;
  EXPECT_EQ(knits_node_splice(node, loose.get(), loose.get(), 0, 0, &p), -ENOTCONN);
  knits_node_close(node);
}

TEST(NodeClientC, ASpliceOfConnectedSocketsIsAnswered) {
  const Responder knitsd(0, false);
  const UniqueFd listener(bound_loopback(SOCK_STREAM));
  ASSERT_EQ(::listen(listener.get(), 4), 0);
  const knits::node::SocketAddress to = knits::node::local_address(listener.get());
  const UniqueFd c1(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  const UniqueFd c2(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  ASSERT_EQ(::connect(c1.get(), &to.addr.any, to.size), 0);
  ASSERT_EQ(::connect(c2.get(), &to.addr.any, to.size), 0);
  const std::string at = knits::genl::to_string(knitsd.address());
  knits_node* node = knits_node_open(at.c_str(), 1, 1, kKeyHex, 2000, nullptr, 0);
  ASSERT_NE(node, nullptr);
  std::uint64_t p = 0;
  EXPECT_EQ(knits_node_splice(node, c1.get(), c2.get(), 10, 20, &p), KNITS_HANDOFF_OK);
  EXPECT_EQ(p, 77U);
  knits_node_close(node);

  // a node with another key gets no answer it can trust
  knits_node* other = knits_node_open(at.c_str(), 1, 1, kOtherKeyHex, 300, nullptr, 0);
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(knits_node_splice(other, c1.get(), c2.get(), 10, 20, &p), -ETIMEDOUT);
  knits_node_close(other);
  EXPECT_EQ(knitsd.splices(), 1);
}

TEST(NodeClientC, APrepareOfAConnectedSocketIsAnsweredAndSplicesNothing) {
  const Responder knitsd(0, false);
  const UniqueFd listener(bound_loopback(SOCK_STREAM));
  ASSERT_EQ(::listen(listener.get(), 4), 0);
  const knits::node::SocketAddress to = knits::node::local_address(listener.get());
  const UniqueFd c1(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  ASSERT_EQ(::connect(c1.get(), &to.addr.any, to.size), 0);
  const std::string at = knits::genl::to_string(knitsd.address());
  knits_node* node = knits_node_open(at.c_str(), 1, 1, kKeyHex, 2000, nullptr, 0);
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(knits_node_prepare(node, c1.get(), "127.0.0.1:8080"), KNITS_HANDOFF_OK);
  EXPECT_EQ(knits_node_prepare(node, c1.get(), "127.0.0.1"), -EINVAL);  // no port
  EXPECT_EQ(knits_node_prepare(node, c1.get(), nullptr), -EINVAL);
  const UniqueFd loose(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  EXPECT_EQ(knits_node_prepare(node, loose.get(), "127.0.0.1:8080"), -ENOTCONN);
  knits_node_close(node);
  EXPECT_EQ(knitsd.splices(), 0);
  EXPECT_EQ(knitsd.prepares(), 1);
}

}  // namespace
