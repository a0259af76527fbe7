// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "testnode/session.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

#include "posix/unique_fd.h"
#include "testnode/counted_socket.h"
#include "testnode/http_response.h"
#include "testnode/sha256.h"
#include "testnode/sys_error.h"

namespace knits::testnode {
namespace {

// A failure with its kind, thrown inside this file only.
class Failed : public std::runtime_error {
 public:
  Failed(SessionFailure kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  [[nodiscard]] SessionFailure kind() const { return kind_; }

 private:
  SessionFailure kind_;
};

SessionFailure kind_of(const std::system_error& e) {
  return e.code() == std::errc::connection_reset ? SessionFailure::kReset
                                                 : SessionFailure::kProtocol;
}

UniqueFd connect_to(const SocketAddress& server, Clock::time_point deadline) {
  UniqueFd fd(::socket(server.family(), SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) {
    throw_errno("socket");
  }
  // Bounds connect() and each write; reads wait with poll() for the
  // deadline, and a timed-out read shuts the socket down, which ends a
  // blocked write too.
  const auto left =
      std::chrono::duration_cast<std::chrono::seconds>(deadline - Clock::now()).count();
  const timeval timeout{.tv_sec = left > 1 ? left : 1, .tv_usec = 0};
  if (setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout)) != 0) {
    throw_errno("setsockopt(SO_SNDTIMEO)");
  }
  if (::connect(fd.get(), &server.addr.any, server.size) != 0) {
    // connect() has bound the socket by now: the local port names the
    // connection's packets in a capture
    const int saved = errno;
    const std::string from = to_string(local_address(fd.get()));
    errno = saved;
    throw_errno("connect from " + from + " to " + to_string(server));
  }
  return fd;
}

void wait_for_data(CountedSocket& conn, Clock::time_point deadline, const std::string& waiting) {
  if (!wait_readable(conn.fd(), deadline)) {
    throw Failed(SessionFailure::kStall, "timed out waiting for " + waiting);
  }
}

ResponseHead read_head(CountedSocket& conn, std::size_t index, std::size_t count,
                       Clock::time_point deadline) {
  for (;;) {
    const ResponseParse parsed = parse_response(conn.buffer());
    if (parsed.status == ResponseStatus::kDone) {
      return parsed.head;
    }
    if (parsed.status == ResponseStatus::kBad) {
      throw Failed(SessionFailure::kProtocol,
                   "response " + std::to_string(index) + ": " + parsed.error);
    }
    wait_for_data(conn, deadline, "response " + std::to_string(index));
    if (!conn.fill()) {
      throw Failed(SessionFailure::kProtocol, "the connection closed after " +
                                                  std::to_string(index) + " of " +
                                                  std::to_string(count) + " responses");
    }
  }
}

Response read_response(CountedSocket& conn, std::size_t index, std::size_t count,
                       Clock::time_point deadline, const BodySink& sink) {
  const ResponseHead head = read_head(conn, index, count, deadline);
  conn.consume(head.head_size);
  Sha256 hash;
  const auto piece_sink = [&](std::string_view piece) {
    hash.update(piece);
    sink(index, piece);
  };
  bool whole = false;
  try {
    whole = conn.take(head.body_size, piece_sink, deadline);
  } catch (const std::system_error&) {
    throw;
  } catch (const std::runtime_error& e) {
    // take() reports a deadline that passed so
    throw Failed(SessionFailure::kStall, e.what());
  }
  if (!whole) {
    throw Failed(SessionFailure::kProtocol,
                 "the connection closed in the body of response " + std::to_string(index));
  }
  return Response{.status = head.status, .bytes = head.body_size, .sha256 = hash.hex_digest()};
}

void read_responses(CountedSocket& conn, std::size_t count, Clock::time_point deadline,
                    const BodySink& sink, SessionResult& result) {
  for (std::size_t i = 0; i < count; ++i) {
    result.responses.push_back(read_response(conn, i, count, deadline, sink));
  }
  if (!conn.buffer().empty()) {
    throw Failed(SessionFailure::kProtocol, "bytes after the last response");
  }
  wait_for_data(conn, deadline, "the server to close the connection");
  if (conn.fill()) {
    throw Failed(SessionFailure::kProtocol, "bytes after the last response");
  }
}

}  // namespace

SessionResult run_session(const SocketAddress& server, std::string_view host,
                          const std::vector<ClientRequest>& requests, Clock::time_point deadline,
                          const BodySink& sink) {
  SessionResult result;
  try {
    CountedSocket conn(connect_to(server, deadline));
    result.local = to_string(local_address(conn.fd()));
    std::string write_error;
    SessionFailure write_failure = SessionFailure::kNone;
    std::thread writer([&] {
      try {
        write_requests(conn.fd(), requests, host);
      } catch (const std::system_error& e) {
        write_failure = kind_of(e);
        write_error = e.what();
      } catch (const std::exception& e) {
        write_failure = SessionFailure::kProtocol;
        write_error = e.what();
      }
    });
    try {
      read_responses(conn, requests.size(), deadline, sink, result);
    } catch (const Failed& f) {
      result.failure = f.kind();
      result.error = f.what();
    } catch (const std::system_error& e) {
      result.failure = kind_of(e);
      result.error = e.what();
    } catch (const std::exception& e) {
      result.failure = SessionFailure::kProtocol;
      result.error = e.what();
    }
    if (result.failure != SessionFailure::kNone) {
      // Ends a write blocked on a server that stopped reading.
      ::shutdown(conn.fd(), SHUT_RDWR);
    }
    writer.join();
    if (result.failure == SessionFailure::kNone && write_failure != SessionFailure::kNone) {
      result.failure = write_failure;
      result.error = "writing the requests: " + write_error;
    }
  } catch (const std::system_error& e) {
    result.failure = kind_of(e);
    result.error = e.what();
  } catch (const std::exception& e) {
    result.failure = SessionFailure::kProtocol;
    result.error = e.what();
  }
  return result;
}

}  // namespace knits::testnode
