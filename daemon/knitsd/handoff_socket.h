// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsd's UDP endpoint: every datagram goes through the HandoffService,
// one at a time on the io_context's thread; answers go back to the source.
// The socket's receive buffer is the only queue, and it is bounded: what
// the kernel drops beyond it is counted by the kernel (UDP RcvbufErrors).

#ifndef KNITS_DAEMON_KNITSD_HANDOFF_SOCKET_H
#define KNITS_DAEMON_KNITSD_HANDOFF_SOCKET_H

#include <array>
#include <cstdint>
#include <functional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "genl/endpoint.h"
#include "knits_handoff.h"
#include "knitsd/handoff_service.h"

namespace knits::knitsd {

class HandoffSocket {
 public:
  // @service() is the service in force (a reload replaces it).
  HandoffSocket(boost::asio::io_context& io, const genl::Endpoint& listen,
                std::function<HandoffService&()> service);

 private:
  void receive();

  boost::asio::ip::udp::socket socket_;
  std::function<HandoffService&()> service_;
  boost::asio::ip::udp::endpoint peer_;
  // one byte more than the longest message: a longer datagram is seen as
  // such, not cut to a valid length
  std::array<std::uint8_t, KNITS_HANDOFF_MAX_LEN + 1> buffer_{};
};

}  // namespace knits::knitsd

#endif  // KNITS_DAEMON_KNITSD_HANDOFF_SOCKET_H
