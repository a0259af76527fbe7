// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The freestanding core (kmod/core) for C++ tests. Its headers are kernel
// C: they need C linkage and use C casts and implicit conversions that the
// C++ warnings of this project would reject.

#ifndef KNITS_TEST_GTEST_KNITS_CORE_H
#define KNITS_TEST_GTEST_KNITS_CORE_H

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
extern "C" {
#include "core/maglev.h"
#include "core/sched.h"
#include "core/seq.h"
#include "core/splice.h"
#include "core/tcp_opts.h"
#include "core/tcp_side.h"
#include "core/tcp_state.h"
#include "core/xlate.h"
}
#pragma GCC diagnostic pop

#endif  // KNITS_TEST_GTEST_KNITS_CORE_H
