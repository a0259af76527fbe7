// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// What a node answers itself: files from the document root for GET, the
// SHA-256 of the body for POST, so that the VM tests can tell every byte in
// both directions arrived intact, whichever node served it.

#include "testnode/local_serve.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "posix/unique_fd.h"
#include "testnode/counted_socket.h"
#include "testnode/fd_io.h"
#include "testnode/http_request.h"
#include "testnode/log.h"
#include "testnode/serve.h"
#include "testnode/sha256.h"

namespace knits::testnode {
namespace {

constexpr std::size_t kFileChunk = std::size_t{256} * 1024;

constexpr int kOk = 200;
constexpr int kBadRequest = 400;
constexpr int kNotFound = 404;
constexpr int kMethodNotAllowed = 405;
constexpr int kNotImplemented = 501;

std::string_view reason_phrase(int status) {
  switch (status) {
    case kOk:
      return "OK";
    case kBadRequest:
      return "Bad Request";
    case kNotFound:
      return "Not Found";
    case kMethodNotAllowed:
      return "Method Not Allowed";
    case kNotImplemented:
      return "Not Implemented";
    default:
      return "Unknown";
  }
}

std::string response_head(int status, std::uint64_t body_size, bool close,
                          const ServeOptions& options) {
  std::string head = "HTTP/1.1 " + std::to_string(status) + " ";
  head += reason_phrase(status);
  head += "\r\nContent-Length: " + std::to_string(body_size) +
          "\r\nX-Served-By: " + node_name(options.self) + "\r\n";
  if (close) {
    head += "Connection: close\r\n";
  }
  head += "\r\n";
  return head;
}

void log_served(const Request& request, int status, std::uint64_t body_size,
                const ServeOptions& options) {
  log_line(node_name(options.self) + " served " + request.method + " " + request.target + " " +
           std::to_string(status) + " bytes=" + std::to_string(body_size));
}

// A response without a body: returns whether the connection stays open.
bool answer_empty(CountedSocket& c1, const Request& request, int status, bool close,
                  const ServeOptions& options) {
  c1.send(response_head(status, 0, close, options));
  log_served(request, status, 0, options);
  return !close;
}

// No ".." component (the file must be under the document root) and no NUL,
// which would cut the name short.
bool is_safe_path(std::string_view path) {
  if (path.find('\0') != std::string_view::npos) {
    return false;
  }
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    if (path.substr(0, slash) == "..") {
      return false;
    }
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
  }
  return true;
}

struct Document {
  UniqueFd fd;
  std::uint64_t size = 0;
};

// The regular file docroot/@path, if there is one.
std::optional<Document> open_document(const std::string& docroot, const std::string& path) {
  const std::string file = docroot + "/" + path;
  Document document{UniqueFd(::open(file.c_str(), O_RDONLY | O_CLOEXEC)), 0};
  struct stat info {};
  if (!document.fd.valid() || fstat(document.fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return std::nullopt;
  }
  document.size = static_cast<std::uint64_t>(info.st_size);
  return document;
}

void send_file(CountedSocket& c1, const Document& document) {
  std::string chunk(kFileChunk, '\0');
  std::uint64_t left = document.size;
  while (left > 0) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(left, kFileChunk));
    const std::size_t got = read_some(document.fd.get(), std::span<char>(chunk).first(want));
    if (got == 0) {
      // The Content-Length already sent cannot be kept: only closing is left.
      throw std::runtime_error("file shrank while being sent");
    }
    c1.send(std::string_view{chunk}.substr(0, got));
    left -= got;
  }
}

bool serve_post(CountedSocket& c1, const Request& request, const ServeOptions& options) {
  Sha256 hash;
  if (!c1.take(request.body_size, [&hash](std::string_view piece) { hash.update(piece); })) {
    log_line(node_name(options.self) + " peer closed in the body of " + request.method + " " +
             request.target);
    return false;
  }
  const std::string body = hash.hex_digest() + "\n";
  c1.send(response_head(kOk, body.size(), request.close, options) + body);
  log_served(request, kOk, body.size(), options);
  return !request.close;
}

bool serve_get(CountedSocket& c1, const Request& request, const ServeOptions& options) {
  if (!is_safe_path(request.path)) {
    return answer_empty(c1, request, kBadRequest, request.close, options);
  }
  const std::optional<Document> document = open_document(options.docroot, request.path);
  if (!document) {
    return answer_empty(c1, request, kNotFound, request.close, options);
  }
  c1.send(response_head(kOk, document->size, request.close, options));
  send_file(c1, *document);
  log_served(request, kOk, document->size, options);
  return !request.close;
}

// Closing with unread bytes in the receive queue resets the connection,
// and the reset can destroy the response before the client reads it: send
// FIN first and read what the client still sends, for a while.
void close_gently(CountedSocket& c1) {
  constexpr auto kLinger = std::chrono::seconds(2);
  ::shutdown(c1.fd(), SHUT_WR);
  const Clock::time_point deadline = Clock::now() + kLinger;
  while (wait_readable(c1.fd(), deadline) && c1.fill()) {
    c1.consume(c1.buffer().size());
  }
}

}  // namespace

bool serve_local(CountedSocket& c1, const Request& request, const ServeOptions& options) {
  const std::string name = node_name(options.self);
  if (request.has_transfer_encoding) {
    // The body's end is unknown: nothing after it can be read.
    answer_empty(c1, request, kNotImplemented, true, options);
    close_gently(c1);
    return false;
  }
  // Another node's request is served here when its hand-off was not made
  // (refused, or no splicer): the connection carries on on this node.
  if (request.node != options.self && !options.nodes.contains(request.node)) {
    if (!c1.take(request.body_size, [](std::string_view /*piece*/) {})) {
      log_line(name + " peer closed in the body of " + request.method + " " + request.target);
      return false;
    }
    log_line(name + " knows no node " + node_name(request.node) + " (--node)");
    return answer_empty(c1, request, kNotFound, request.close, options);
  }
  if (request.method == "POST") {
    return serve_post(c1, request, options);
  }
  if (!c1.take(request.body_size, [](std::string_view /*piece*/) {})) {
    log_line(name + " peer closed in the body of " + request.method + " " + request.target);
    return false;
  }
  if (request.method != "GET") {
    return answer_empty(c1, request, kMethodNotAllowed, request.close, options);
  }
  return serve_get(c1, request, options);
}

void answer_bad_request(CountedSocket& c1, std::string_view reason, const ServeOptions& options) {
  log_line(node_name(options.self) + " bad request 400: " + std::string(reason));
  c1.send(response_head(kBadRequest, 0, true, options));
  close_gently(c1);
}

}  // namespace knits::testnode
