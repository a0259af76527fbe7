// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsd/handoff_socket.h"

#include <cstddef>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/udp.hpp>

#include "handoff/asio_endpoint.h"

namespace knits::knitsd {

namespace asio = boost::asio;
using Udp = asio::ip::udp;

HandoffSocket::HandoffSocket(asio::io_context& io, const genl::Endpoint& listen,
                             std::function<HandoffService&()> service)
    : socket_(io, Udp::endpoint(handoff::to_asio(listen), listen.port)),
      service_(std::move(service)) {
  receive();
}

void HandoffSocket::receive() {
  socket_.async_receive_from(
      asio::buffer(buffer_), peer_, [this](boost::system::error_code ec, std::size_t n) {
        if (ec == asio::error::operation_aborted) {
          return;
        }
        if (!ec) {
          const std::optional<std::vector<std::uint8_t>> answer =
              service_().handle(std::span(buffer_).first(n),
                                handoff::from_asio(peer_.address(), peer_.port()), Now::current());
          if (answer) {
            boost::system::error_code ignored;
            // a full send buffer loses the answer; the node sends again
            socket_.send_to(asio::buffer(*answer), peer_, 0, ignored);
          }
        }
        receive();
      });
}

}  // namespace knits::knitsd
