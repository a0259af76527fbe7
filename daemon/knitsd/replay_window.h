// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Replay protection of one node's requests (uapi/knits_handoff.h, "Replay
// protection"). Counters are the node's nanosecond clock made strictly
// increasing, so the requests of a node's concurrent threads arrive a few
// microseconds out of order: a bitmap of consecutive counters (IPsec's,
// WireGuard's) would reject them. The window is instead the set of the
// last KNITS_HANDOFF_REPLAY_WINDOW counters accepted: a counter in it, or
// at or below its oldest once it is full, is a replay.

#ifndef KNITS_DAEMON_KNITSD_REPLAY_WINDOW_H
#define KNITS_DAEMON_KNITSD_REPLAY_WINDOW_H

#include <cstddef>
#include <cstdint>
#include <set>

#include "knits_handoff.h"

namespace knits::knitsd {

class ReplayWindow {
 public:
  // (a window of 0 would remember nothing: it is taken as 1)
  explicit ReplayWindow(std::size_t size = KNITS_HANDOFF_REPLAY_WINDOW)
      : size_(size > 0 ? size : 1) {}

  // Whether @counter was never accepted (as far as the window can tell).
  [[nodiscard]] bool fresh(std::uint64_t counter) const;
  // Records @counter, which fresh() said yes to; the oldest goes when the
  // window is full. Call only once the request's tag verified.
  void accept(std::uint64_t counter);

 private:
  std::size_t size_;
  std::set<std::uint64_t> recent_;
};

}  // namespace knits::knitsd

#endif  // KNITS_DAEMON_KNITSD_REPLAY_WINDOW_H
