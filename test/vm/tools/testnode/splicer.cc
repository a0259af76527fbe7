// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "testnode/splicer.h"

#include "genl/splice.h"

namespace knits::testnode {

genl::SpliceRequest splice_request(const SpliceCall& call) {
  return genl::SpliceRequest{
      .c1 = genl::parse_splice_connection(call.c1),
      .c2 = genl::parse_splice_connection(call.c2),
      .t = call.t,
      .s = call.s,
  };
}

}  // namespace knits::testnode
