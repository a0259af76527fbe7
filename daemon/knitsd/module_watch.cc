// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsd/module_watch.h"

#include <unistd.h>

#include <cerrno>
#include <functional>
#include <utility>

#include "genl/error.h"
#include "knits.h"

namespace knits::knitsd {
namespace {

// The descriptor Asio waits on, its own copy: Asio closes what it holds,
// and the FamilyWatch closes its socket.
int duplicate(int fd) {
  const int copy = ::dup(fd);
  if (copy < 0) {
    throw genl::Error(errno, "watching for the knits module: dup failed");
  }
  return copy;
}

}  // namespace

ModuleWatch::ModuleWatch(boost::asio::io_context& io, std::function<void()> on_loaded)
    : watch_(KNITS_GENL_NAME),
      readable_(io, duplicate(watch_.fd())),
      on_loaded_(std::move(on_loaded)) {
  arm();
}

void ModuleWatch::arm() {
  readable_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                       [this](const boost::system::error_code& ec) {
                         if (ec) {
                           return;  // the loop is stopping
                         }
                         if (watch_.registered()) {
                           on_loaded_();
                         }
                         arm();
                       });
}

}  // namespace knits::knitsd
