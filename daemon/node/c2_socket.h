// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// What a node sets on c2, the connection it opens to the target node,
// before connecting: the MSS c1's client was given, so that the segments
// the gateway moves from one to the other fit both (design.md, "Splice").

#ifndef KNITS_DAEMON_NODE_C2_SOCKET_H
#define KNITS_DAEMON_NODE_C2_SOCKET_H

namespace knits::node {

// Linux refuses TCP_MAXSEG above MAX_TCP_WINDOW.
inline constexpr int kMaxUserMss = 32767;

// The MSS c1's segments may carry, as a SYN advertises it: without the
// options every segment carries. TCP_MAXSEG reads the payload that fits
// beside them (the timestamp option's 12 bytes taken off); advertising
// that on c2 would shrink the MSS by 12 bytes at every hop of a
// connection handed on and on, until Linux refuses it (below 88). Throws
// std::system_error.
[[nodiscard]] int advertised_mss(int c1_fd);

// Sets @mss, at most kMaxUserMss, on the unconnected socket @c2_fd so that
// its SYN advertises it; returns the MSS set. Throws std::system_error.
int set_c2_mss(int c2_fd, int mss);

}  // namespace knits::node

#endif  // KNITS_DAEMON_NODE_C2_SOCKET_H
