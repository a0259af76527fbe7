// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsd/control_socket.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/system_error.hpp>

#include "knitsd/control.h"

namespace knits::knitsd {

namespace asio = boost::asio;
using Stream = asio::local::stream_protocol;

class ControlSocket::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Stream::socket socket, std::shared_ptr<ControlActions> actions,
          std::shared_ptr<std::size_t> sessions)
      : socket_(std::move(socket)), actions_(std::move(actions)), sessions_(std::move(sessions)) {
    ++*sessions_;
  }
  ~Session() { --*sessions_; }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  Session(Session&&) = delete;
  Session& operator=(Session&&) = delete;

  void read() {
    // one byte beyond the limit: a longer line is seen as such
    asio::async_read_until(socket_, asio::dynamic_buffer(in_, kControlLineMax + 1), '\n',
                           [self = shared_from_this()](boost::system::error_code ec,
                                                       std::size_t n) { self->answer(ec, n); });
  }

 private:
  void answer(boost::system::error_code ec, std::size_t n) {
    if (ec) {
      // closed, or a line beyond the limit (not_found): the session ends
      if (ec == asio::error::not_found) {
        out_ = handle_control_line(in_, *actions_) + "\n";
        asio::async_write(socket_, asio::buffer(out_),
                          [self = shared_from_this()](boost::system::error_code, std::size_t) {});
      }
      return;
    }
    out_ = handle_control_line(std::string_view{in_}.substr(0, n - 1), *actions_) + "\n";
    in_.erase(0, n);
    asio::async_write(socket_, asio::buffer(out_),
                      [self = shared_from_this()](boost::system::error_code write_ec, std::size_t) {
                        if (!write_ec) {
                          self->read();
                        }
                      });
  }

  Stream::socket socket_;
  std::shared_ptr<ControlActions> actions_;
  std::shared_ptr<std::size_t> sessions_;
  std::string in_;
  std::string out_;
};

ControlSocket::ControlSocket(asio::io_context& io, std::string path, ControlActions actions)
    : path_(std::move(path)),
      acceptor_(io),
      actions_(std::make_shared<ControlActions>(std::move(actions))),
      sessions_(std::make_shared<std::size_t>(0)) {
  // /run/knits is systemd's RuntimeDirectory; run by hand, knitsd makes it
  const std::filesystem::path dir = std::filesystem::path(path_).parent_path();
  std::error_code ec;
  if (!dir.empty() && !std::filesystem::exists(dir, ec)) {
    std::filesystem::create_directories(dir, ec);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  }
  ::unlink(path_.c_str());
  // nobody but root between bind and chmod
  const mode_t old_mask = ::umask(077);
  try {
    acceptor_.open();
    acceptor_.bind(Stream::endpoint(path_));
  } catch (const boost::system::system_error& e) {
    ::umask(old_mask);
    throw std::runtime_error("control socket " + path_ + ": " + e.code().message());
  }
  ::umask(old_mask);
  acceptor_.listen();
  accept();
}

ControlSocket::~ControlSocket() { ::unlink(path_.c_str()); }

void ControlSocket::accept() {
  acceptor_.async_accept([this](boost::system::error_code ec, Stream::socket socket) {
    if (ec) {
      return;
    }
    if (*sessions_ < kMaxSessions) {
      std::make_shared<Session>(std::move(socket), actions_, sessions_)->read();
    }
    accept();
  });
}

}  // namespace knits::knitsd
