// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsctl/daemon_client.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "posix/unique_fd.h"

namespace knits::ctl {
namespace {

[[noreturn]] void unreachable(const std::string& path, int err) {
  throw std::runtime_error("cannot reach knitsd at " + path + ": " + std::strerror(err) +
                           " (is knitsd running? --socket)");
}

}  // namespace

nlohmann::json ask_daemon(const std::string& socket_path, const nlohmann::json& request) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof(addr.sun_path)) {
    throw std::runtime_error("socket path too long: " + socket_path);
  }
  std::memcpy(addr.sun_path, socket_path.data(), socket_path.size());
  const UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) {
    unreachable(socket_path, errno);
  }
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0) {
    unreachable(socket_path, errno);
  }
  const std::string line = request.dump() + "\n";
  for (std::size_t sent = 0; sent < line.size();) {
    const ssize_t n = ::send(fd.get(), line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      unreachable(socket_path, errno);
    }
    sent += static_cast<std::size_t>(n);
  }
  std::string answer;
  std::array<char, 4096> buf{};
  while (answer.find('\n') == std::string::npos) {
    const ssize_t n = ::recv(fd.get(), buf.data(), buf.size(), 0);
    if (n < 0) {
      unreachable(socket_path, errno);
    }
    if (n == 0) {
      throw std::runtime_error("knitsd closed the control connection without an answer");
    }
    answer.append(buf.data(), static_cast<std::size_t>(n));
  }
  try {
    return nlohmann::json::parse(answer.substr(0, answer.find('\n')));
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error("knitsd's answer is not JSON");
  }
}

std::string daemon_status_text(const nlohmann::json& status) {
  std::string out = fmt::format("config          {}\n", status.value("config", ""));
  const nlohmann::json& services = status.at("services");
  out += fmt::format("services        {} kept, {}\n", services.at("managed").size(),
                     services.at("in_sync").get<bool>() ? "as configured in the module"
                                                        : "NOT as configured in the module:");
  for (const auto& step : services.at("pending")) {
    out += "  would " + step.get<std::string>() + "\n";
  }
  out += fmt::format("\n{:<8} {:<40} {}\n", "NODE", "ADDRESS", "KEYS");
  for (const auto& node : status.at("nodes")) {
    std::string keys;
    for (const auto& key : node.at("keys")) {
      keys += (keys.empty() ? "" : ",") + std::to_string(key.get<unsigned>());
    }
    out += fmt::format("{:<8} {:<40} {}\n", node.at("id").get<unsigned>(),
                       node.at("address").get<std::string>(), keys);
  }
  const nlohmann::json& requests = status.at("requests");
  out += "\nREQUESTS\n";
  for (const auto& [status_name, n] : requests.at("splice_answers").items()) {
    out += fmt::format("  splice {:<22} {}\n", status_name, n.get<std::uint64_t>());
  }
  for (const auto& [status_name, n] : requests.at("prepare_answers").items()) {
    out += fmt::format("  prepare {:<21} {}\n", status_name, n.get<std::uint64_t>());
  }
  out += fmt::format("  resent {:<22} {}\n", "", requests.at("resent").get<std::uint64_t>());
  for (const auto& [reason, n] : requests.at("dropped").items()) {
    if (n.get<std::uint64_t>() != 0) {
      out += fmt::format("  dropped {:<21} {}\n", reason, n.get<std::uint64_t>());
    }
  }
  return out;
}

}  // namespace knits::ctl
