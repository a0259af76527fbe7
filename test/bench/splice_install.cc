// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "splice_install.h"

#include <cstdint>

#include "gateway.h"
#include "knits_core.h"

namespace knits::bench {

int install_splice(Splice& sp, const Conn& c1, const Conn& c2, std::uint64_t t, std::uint64_t s,
                   std::int64_t& p, knits_emit& fin) {
  const knits_tcp_side& client = c1.side[kDirOrig];
  const knits_tcp_side& node = c1.side[kDirReply];
  knits_splice_init(&sp.st, &client, &node);
  sp.st.up_fin = (client.flags & KNITS_SIDE_FIN) != 0;
  sp.st.down_fin = (node.flags & KNITS_SIDE_FIN) != 0;
  const int status = knits_splice_add(&sp.st, &c2.side[kDirOrig], &c2.side[kDirReply], t, s, &p);
  if (status != KNITS_SPLICE_OK) {
    return status;
  }
  sp.client = c1.ent[kDirOrig].tuple;
  sp.node[0] = c1.ent[kDirReply].tuple;
  sp.node[knits_leg_slot(knits_splice_current(&sp.st))] = c2.ent[kDirReply].tuple;
  knits_splice_fin_to_node(&sp.st, knits_splice_current(&sp.st) - 1, &fin);
  return status;
}

void link_splice(Splice& sp, Conn& c1, Conn& c2) {
  c1.leg = 0;
  c1.splice = &sp;
  c2.leg = knits_splice_current(&sp.st);
  c2.splice = &sp;
}

}  // namespace knits::bench
