// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Calls back when the knits module is loaded again while knitsd runs: the
// new module has none of the services knitsd keeps, so knitsd applies its
// configuration to it. (Splices need nothing: the node library resends,
// and genl::Client follows the family's new id.)

#ifndef KNITS_DAEMON_KNITSD_MODULE_WATCH_H
#define KNITS_DAEMON_KNITSD_MODULE_WATCH_H

#include <functional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "genl/family_watch.h"

namespace knits::knitsd {

class ModuleWatch {
 public:
  // Throws genl::Error if the controller's announcements cannot be joined.
  ModuleWatch(boost::asio::io_context& io, std::function<void()> on_loaded);

 private:
  void arm();

  genl::FamilyWatch watch_;
  boost::asio::posix::stream_descriptor readable_;
  std::function<void()> on_loaded_;
};

}  // namespace knits::knitsd

#endif  // KNITS_DAEMON_KNITSD_MODULE_WATCH_H
