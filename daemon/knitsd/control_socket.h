// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsd's local control socket (a Unix stream socket, mode 0600: root's
// only): knitsctl's `daemon` commands. Requests are served one line at a
// time on the io_context's thread, like hand-off requests, so a reload
// never runs beside one. At most kMaxSessions clients at once; more are
// closed at once.

#ifndef KNITS_DAEMON_KNITSD_CONTROL_SOCKET_H
#define KNITS_DAEMON_KNITSD_CONTROL_SOCKET_H

#include <cstddef>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>

#include "knitsd/control.h"

namespace knits::knitsd {

class ControlSocket {
 public:
  // Replaces a stale socket file at @path (a knitsd that died leaves one).
  ControlSocket(boost::asio::io_context& io, std::string path, ControlActions actions);
  ~ControlSocket();
  ControlSocket(const ControlSocket&) = delete;
  ControlSocket& operator=(const ControlSocket&) = delete;
  ControlSocket(ControlSocket&&) = delete;
  ControlSocket& operator=(ControlSocket&&) = delete;

  static constexpr std::size_t kMaxSessions = 16;

 private:
  class Session;
  void accept();

  std::string path_;
  boost::asio::local::stream_protocol::acceptor acceptor_;
  std::shared_ptr<ControlActions> actions_;
  std::shared_ptr<std::size_t> sessions_;
};

}  // namespace knits::knitsd

#endif  // KNITS_DAEMON_KNITSD_CONTROL_SOCKET_H
