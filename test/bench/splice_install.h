// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Installing a client connection's first splice: the part of
// knits_splice_request() (kmod/splice_request.c) that is not finding and
// locking the two connections. The core's state is made from c1's two
// sides, the new leg from c2's (knits_splice_first()), the splice learns
// its legs' tuples (knits_splice_link()), and the core says which FIN the
// node that handed off gets. Linking the connections to the splice is
// left to the caller: the install benchmark makes many splices of the
// same connections.

#ifndef KNITS_TEST_BENCH_SPLICE_INSTALL_H
#define KNITS_TEST_BENCH_SPLICE_INSTALL_H

#include <cstdint>

#include "gateway.h"
#include "knits_core.h"

namespace knits::bench {

// enum knits_splice_status; @p is the switch point and @fin the segment
// to send when KNITS_SPLICE_OK.
int install_splice(Splice& sp, const Conn& c1, const Conn& c2, std::uint64_t t, std::uint64_t s,
                   std::int64_t& p, knits_emit& fin);

// Makes @c1 leg 0 and @c2 leg 1 of @sp, as the kernel publishes them.
void link_splice(Splice& sp, Conn& c1, Conn& c2);

}  // namespace knits::bench

#endif  // KNITS_TEST_BENCH_SPLICE_INSTALL_H
