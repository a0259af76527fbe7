// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_KNITSCTL_SPLICE_ARGS_H
#define KNITS_DAEMON_KNITSCTL_SPLICE_ARGS_H

#include "genl/splice.h"

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11's own name
class App;
}  // namespace CLI

namespace knits::ctl {

// Adds the options of `knitsctl splice` to @app, all required, each parsed
// into @request while CLI11 parses (so that a bad value is a usage error
// naming its option): --c1 and --c2 as LOCAL,PEER, --t and --s as decimal
// numbers in 0..2^64-1. Split from the command so that tests need no kernel.
void add_splice_options(CLI::App& app, genl::SpliceRequest& request);

// Adds --c1 alone, as add_splice_options() does (`knitsctl prepare`).
void add_c1_option(CLI::App& app, genl::SpliceConnection& c1);

}  // namespace knits::ctl

#endif  // KNITS_DAEMON_KNITSCTL_SPLICE_ARGS_H
