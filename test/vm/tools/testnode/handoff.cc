// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The node side of a KNITS splice (ARCHITECTURE.md section 3.1). Node A
// writes nothing on c2 before the gateway answered, and nothing on c1 after
// asking; the gateway ends c1 with a FIN at client offset P, so A forwards
// to c2 exactly the client bytes it read in [T, P).

#include "testnode/handoff.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <array>
#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>

#include "node/c2_socket.h"
#include "posix/unique_fd.h"
#include "testnode/counted_socket.h"
#include "testnode/fd_io.h"
#include "testnode/log.h"
#include "testnode/serve.h"
#include "testnode/socket_address.h"
#include "testnode/splicer.h"
#include "testnode/sys_error.h"

namespace knits::testnode {
namespace {

// Bounds connect() (Linux applies SO_SNDTIMEO to it) and every write on c2.
constexpr std::chrono::seconds kC2SendTimeout{30};

// Each hand-off logs one line that says "handoff" (the tests count them);
// the rest of its lines name only the leg.
struct Context {
  std::string request;  // "n1 handoff GET /n2/x to n2"
  std::string leg;      // "n1 to n2"
};

// Opens c2 to @target with c1's @mss, before connecting so that the SYN
// already advertises it.
UniqueFd connect_c2(const SocketAddress& target, int mss, const Context& context) {
  UniqueFd c2(::socket(target.family(), SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!c2.valid()) {
    throw_errno("socket");
  }
  if (mss > node::kMaxUserMss) {
    log_line(context.leg + ": c1 MSS " + std::to_string(mss) +
             " is above what TCP_MAXSEG takes; c2 uses " + std::to_string(node::kMaxUserMss));
  }
  (void)node::set_c2_mss(c2.get(), mss);
  const timeval timeout{.tv_sec = kC2SendTimeout.count(), .tv_usec = 0};
  if (setsockopt(c2.get(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout)) != 0) {
    throw_errno("setsockopt(c2, SO_SNDTIMEO)");
  }
  if (connect(c2.get(), &target.addr.any, target.size) != 0) {
    throw_errno("connect to " + to_string(target));
  }
  return c2;
}

std::string endpoints(int fd) {
  return to_string(local_address(fd)) + "," + to_string(peer_address(fd));
}

// Step 4: c1's bytes from T on to c2 until c1 ends; then close c2 for
// writing and wait for B to close it too.
void forward(CountedSocket& c1, UniqueFd& c2, std::uint64_t p, const Context& context) {
  std::uint64_t forwarded = 0;
  for (;;) {
    send_all(c2.get(), c1.buffer());
    forwarded += c1.buffer().size();
    c1.consume(c1.buffer().size());
    if (!wait_readable(c1.fd(), Clock::now() + kHandoffEofTimeout)) {
      throw std::runtime_error("no end-of-file on c1 within " +
                               std::to_string(kHandoffEofTimeout.count()) + " s (received " +
                               std::to_string(c1.received()) + ", P=" + std::to_string(p) + ")");
    }
    if (!c1.fill()) {
      break;
    }
  }
  if (c1.received() != p) {
    log_line(context.leg + ": MISMATCH received=" + std::to_string(c1.received()) +
             " P=" + std::to_string(p));
  }
  const std::uint64_t received = c1.received();
  ::shutdown(c2.get(), SHUT_WR);
  c1.close();

  std::uint64_t unexpected = 0;
  std::array<char, 4096> chunk{};
  const Clock::time_point deadline = Clock::now() + kHandoffEofTimeout;
  for (;;) {
    if (!wait_readable(c2.get(), deadline)) {
      throw std::runtime_error("no end-of-file on c2 within " +
                               std::to_string(kHandoffEofTimeout.count()) + " s");
    }
    const std::size_t got = read_some(c2.get(), chunk);
    if (got == 0) {
      break;
    }
    unexpected += got;
  }
  if (unexpected > 0) {
    log_line(context.leg + ": c2 carried " + std::to_string(unexpected) +
             " bytes to this node, which should have gone to the client");
  }
  c2.reset();
  log_line(context.leg + ": done, received=" + std::to_string(received) +
           " forwarded=" + std::to_string(forwarded));
}

}  // namespace

bool hand_off(CountedSocket& c1, const Request& request, const SocketAddress& target,
              const ServeOptions& options) {
  const std::uint64_t t = c1.buffer_offset();
  const std::uint64_t s = c1.sent();
  Context context;
  context.leg = node_name(options.self) + " to " + node_name(request.node);
  context.request = node_name(options.self) + " handoff " + request.method + " " + request.target +
                    " to " + node_name(request.node) + " T=" + std::to_string(t) +
                    " S=" + std::to_string(s);
  UniqueFd c2;
  SpliceAnswer answer;
  try {
    const int mss = node::advertised_mss(c1.fd());
    context.request += " MSS=" + std::to_string(mss);
    c2 = connect_c2(target, mss, context);
    answer = options.splicer->splice(
        SpliceCall{.c1 = endpoints(c1.fd()), .c2 = endpoints(c2.get()), .t = t, .s = s});
  } catch (const std::exception& e) {
    // Nothing was asked of the gateway, or it said no: c1 is as it was.
    log_line(context.request + " not made: " + e.what());
    return false;
  }
  if (!answer.ok) {
    // "not made" (not "handoff ... P="): the tests count made ones.
    log_line(context.request + " not made: " + answer.error);
    std::string_view output = answer.output;
    while (output.ends_with('\n')) {
      output.remove_suffix(1);
    }
    if (!output.empty()) {
      log_line(context.leg + ": splice command output: " + std::string(output));
    }
    return false;
  }
  log_line(context.request + " P=" + std::to_string(answer.p));
  try {
    forward(c1, c2, answer.p, context);
  } catch (const std::exception& e) {
    log_line(context.leg + ": forwarding failed: " + e.what());
  }
  return true;
}

}  // namespace knits::testnode
