// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// A netlink socket keeps the network namespace it was created in: the node
// enters the gateway's namespace just long enough to open one, then talks
// to the gateway's knits family from its own namespace, as knitsd will for
// the node library.

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <exception>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>

#include "genl/knits_genl.h"
#include "genl/splice.h"
#include "knits.h"
#include "names/knits_names.h"
#include "posix/unique_fd.h"
#include "testnode/splicer.h"
#include "testnode/sys_error.h"

namespace knits::testnode {
namespace {

UniqueFd open_namespace(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    throw_errno("open " + path);
  }
  return fd;
}

// The client, made inside the namespace at @path; this thread is back in
// its own namespace when it returns or throws.
std::unique_ptr<genl::Client> client_in(const std::string& path) {
  const UniqueFd own = open_namespace("/proc/thread-self/ns/net");
  const UniqueFd target = open_namespace(path);
  if (::setns(target.get(), CLONE_NEWNET) != 0) {
    throw_errno("setns " + path);
  }
  std::unique_ptr<genl::Client> client;
  std::exception_ptr failure;
  try {
    client = std::make_unique<genl::Client>();
  } catch (...) {
    failure = std::current_exception();
  }
  if (::setns(own.get(), CLONE_NEWNET) != 0) {
    // Serving clients from the gateway's namespace would be wrong silently.
    std::terminate();
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
  return client;
}

class NetlinkSplicer final : public Splicer {
 public:
  explicit NetlinkSplicer(std::unique_ptr<genl::Client> client) : client_(std::move(client)) {}

  SpliceAnswer splice(const SpliceCall& call) override {
    SpliceAnswer answer;
    try {
      const genl::SpliceRequest request = splice_request(call);
      genl::SpliceReply reply;
      {
        // One socket: its requests and replies must not interleave.
        const std::lock_guard lock(mutex_);
        reply = client_->splice(request);
      }
      if (reply.status != KNITS_SPLICE_OK || !reply.p) {
        answer.error = "refused: " + names::splice_status_name(reply.status);
        return answer;
      }
      answer.p = *reply.p;
      answer.ok = true;
    } catch (const std::exception& e) {
      answer.error = e.what();
    }
    return answer;
  }

 private:
  std::mutex mutex_;
  std::unique_ptr<genl::Client> client_;
};

}  // namespace

std::unique_ptr<Splicer> make_netlink_splicer(const std::string& netns_path) {
  try {
    return std::make_unique<NetlinkSplicer>(client_in(netns_path));
  } catch (const std::exception& e) {
    throw std::runtime_error("--splice-netns " + netns_path + ": " + e.what());
  }
}

}  // namespace knits::testnode
