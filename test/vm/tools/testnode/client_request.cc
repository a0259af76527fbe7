// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "testnode/client_request.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "posix/unique_fd.h"
#include "testnode/fd_io.h"
#include "testnode/sys_error.h"

namespace knits::testnode {
namespace {

constexpr std::size_t kFileChunk = std::size_t{256} * 1024;

void check_path(std::string_view spec, std::string_view path) {
  if (!path.starts_with('/') || path.find_first_of(" \r\n") != std::string_view::npos) {
    throw std::invalid_argument("request '" + std::string(spec) +
                                "': the path must start with '/' and hold no space or line break");
  }
}

std::string request_head(const ClientRequest& request, std::string_view host,
                         std::uint64_t body_size, bool last) {
  std::string head = request.method + " " + request.path + " HTTP/1.1\r\nHost: ";
  head += host;
  head += "\r\n";
  if (request.method == "POST") {
    head += "Content-Length: " + std::to_string(body_size) + "\r\n";
  }
  if (last) {
    head += "Connection: close\r\n";
  }
  head += "\r\n";
  return head;
}

// Streams exactly @size bytes of @file to @fd.
void send_file(int fd, int file, std::uint64_t size, const std::string& name) {
  std::string chunk(kFileChunk, '\0');
  while (size > 0) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(size, kFileChunk));
    const std::size_t got = read_some(file, std::span<char>(chunk).first(want));
    if (got == 0) {
      throw std::runtime_error(name + " shrank while being sent");
    }
    send_all(fd, std::string_view{chunk}.substr(0, got));
    size -= got;
  }
}

}  // namespace

ClientRequest parse_client_request(std::string_view spec) {
  constexpr std::string_view kGet = "GET:";
  constexpr std::string_view kPost = "POST:";
  constexpr std::string_view kFileMark = ":@";
  ClientRequest out;
  if (spec.starts_with(kGet)) {
    out.method = "GET";
    out.path = std::string(spec.substr(kGet.size()));
  } else if (spec.starts_with(kPost)) {
    const std::string_view rest = spec.substr(kPost.size());
    const std::size_t mark = rest.rfind(kFileMark);
    if (mark == std::string_view::npos || mark + kFileMark.size() == rest.size()) {
      throw std::invalid_argument("request '" + std::string(spec) +
                                  "': a POST needs its body file (POST:/path:@FILE)");
    }
    out.method = "POST";
    out.path = std::string(rest.substr(0, mark));
    out.body_file = std::string(rest.substr(mark + kFileMark.size()));
  } else {
    throw std::invalid_argument("request '" + std::string(spec) +
                                "': expected GET:/path or POST:/path:@FILE");
  }
  check_path(spec, out.path);
  return out;
}

void write_requests(int fd, const std::vector<ClientRequest>& requests, std::string_view host) {
  // Heads without a body between them leave in one write.
  std::string pending;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const ClientRequest& request = requests[i];
    const bool last = i + 1 == requests.size();
    if (request.method != "POST") {
      pending += request_head(request, host, 0, last);
      continue;
    }
    const UniqueFd file(::open(request.body_file.c_str(), O_RDONLY | O_CLOEXEC));
    struct stat info {};
    if (!file.valid() || fstat(file.get(), &info) != 0) {
      throw_errno(request.body_file);
    }
    const auto size = static_cast<std::uint64_t>(info.st_size);
    pending += request_head(request, host, size, last);
    send_all(fd, pending);
    pending.clear();
    send_file(fd, file.get(), size, request.body_file);
  }
  send_all(fd, pending);
}

}  // namespace knits::testnode
