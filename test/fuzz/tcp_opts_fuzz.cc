// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// libFuzzer target for the TCP options parser and writers
// (kmod/core/tcp_opts.h). The input is an options area. The sanitizers
// catch reads and writes outside it (it is copied into a buffer of its
// exact size); the checks below catch a parse that the writers could not
// trust: fields outside the area, overlapping, or not where the option
// says, and writers that touch other bytes or whose values do not read
// back.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "fuzz_check.h"
#include "knits_core.h"

namespace {

// Inputs over 40 bytes must be refused: that is checked up to 80 bytes,
// and longer ones are skipped so that the time goes to lengths that parse.
constexpr std::size_t kMaxInput = 2 * std::size_t{KNITS_TCP_OPTS_MAX};

bool same(const knits_tcp_opts& a, const knits_tcp_opts& b) {
  return a.has_mss == b.has_mss && a.has_wscale == b.has_wscale && a.sack_ok == b.sack_ok &&
         a.has_ts == b.has_ts && a.mss == b.mss && a.wscale == b.wscale && a.tsval == b.tsval &&
         a.tsecr == b.tsecr && a.ts_off == b.ts_off && a.nsack == b.nsack &&
         a.sack_off == b.sack_off &&
         std::equal(a.sack_start, a.sack_start + KNITS_TCP_SACK_MAX, b.sack_start) &&
         std::equal(a.sack_end, a.sack_end + KNITS_TCP_SACK_MAX, b.sack_end);
}

int parse(const std::uint8_t* opts, std::size_t len, knits_tcp_opts* out) {
  const int rc = knits_tcp_opts_parse(opts, static_cast<std::uint32_t>(len), out);
  CHECK(rc == 0 || rc == -1);
  return rc;
}

// Only the bytes [from, to) of `after` differ from `before`, if any.
bool only_changed(const std::uint8_t* before, const std::uint8_t* after, std::size_t len,
                  std::size_t from, std::size_t to) {
  for (std::size_t i = 0; i < len; i++) {
    if ((i < from || i >= to) && before[i] != after[i]) {
      return false;
    }
  }
  return true;
}

// The invariants of a successful parse of `opts`.
void check_parse(const std::uint8_t* opts, std::size_t len, const knits_tcp_opts& o) {
  CHECK(o.nsack <= KNITS_TCP_SACK_MAX);
  CHECK(o.wscale <= KNITS_TCP_WSCALE_MAX);
  CHECK(o.has_wscale || o.wscale == 0);
  CHECK(o.has_mss || o.mss == 0);
  if (o.has_ts) {
    CHECK(o.ts_off >= 2 && o.ts_off + 8U <= len);
    CHECK(opts[o.ts_off - 2] == KNITS_TCPOPT_TS && opts[o.ts_off - 1] == KNITS_TCPOLEN_TS);
    CHECK(knits_get_be32(opts + o.ts_off) == o.tsval);
    CHECK(knits_get_be32(opts + o.ts_off + 4) == o.tsecr);
  } else {
    CHECK(o.tsval == 0 && o.tsecr == 0 && o.ts_off == 0);
  }
  if (o.nsack > 0) {
    const std::size_t end = o.sack_off + 8U * o.nsack;
    CHECK(o.sack_off >= 2 && end <= len);
    CHECK(opts[o.sack_off - 2] == KNITS_TCPOPT_SACK && opts[o.sack_off - 1] == 2 + 8 * o.nsack);
    for (std::size_t i = 0; i < o.nsack; i++) {
      CHECK(knits_get_be32(opts + o.sack_off + 8 * i) == o.sack_start[i]);
      CHECK(knits_get_be32(opts + o.sack_off + 8 * i + 4) == o.sack_end[i]);
    }
    // The two options the writers change do not overlap, kind and
    // length bytes included.
    if (o.has_ts) {
      CHECK(o.ts_off + 8U <= o.sack_off - 2U || end <= o.ts_off - 2U);
    }
  } else {
    CHECK(o.sack_off == 0);
  }
  for (std::size_t i = o.nsack; i < KNITS_TCP_SACK_MAX; i++) {
    CHECK(o.sack_start[i] == 0 && o.sack_end[i] == 0);
  }
  // Walking the list option by option meets the recorded timestamps and
  // SACK options, at option boundaries, and no other copy of them: a
  // rewrite leaves no field in the wrong leg's space. Nor does it meet
  // another copy of MSS, window scale or SACK-permitted.
  std::size_t ts_seen = 0;
  std::size_t sack_seen = 0;
  std::array<std::size_t, 5> other_seen{};
  for (std::size_t i = 0; i < len && opts[i] != KNITS_TCPOPT_EOL;) {
    if (opts[i] == KNITS_TCPOPT_NOP) {
      i++;
      continue;
    }
    CHECK(i + 1 < len && opts[i + 1] >= 2 && i + opts[i + 1] <= len);
    if (opts[i] == KNITS_TCPOPT_TS) {
      CHECK(o.has_ts && i + 2 == o.ts_off);
      ts_seen++;
    } else if (opts[i] == KNITS_TCPOPT_SACK) {
      CHECK(o.nsack > 0 && i + 2 == o.sack_off);
      sack_seen++;
    } else if (opts[i] < 5) {
      other_seen.at(opts[i])++;
    }
    i += opts[i + 1];
  }
  CHECK(ts_seen == (o.has_ts ? 1 : 0) && sack_seen == (o.nsack > 0 ? 1 : 0));
  CHECK(other_seen.at(KNITS_TCPOPT_MSS) == (o.has_mss ? 1 : 0));
  CHECK(other_seen.at(KNITS_TCPOPT_WSCALE) == (o.has_wscale ? 1 : 0));
  CHECK(other_seen.at(KNITS_TCPOPT_SACK_PERM) == (o.sack_ok ? 1 : 0));
  // The parse is a function of the bytes.
  knits_tcp_opts again{};
  CHECK(parse(opts, len, &again) == 0 && same(o, again));
}

void check_put_ts(const std::uint8_t* opts, std::size_t len, const knits_tcp_opts& o) {
  std::vector<std::uint8_t> buf(opts, opts + len);
  const std::uint32_t tsval = ~o.tsval;
  const std::uint32_t tsecr = o.tsval ^ 0x5A5A5A5AU;
  knits_tcp_opts_put_ts(buf.data(), &o, tsval, tsecr);
  if (!o.has_ts) {
    CHECK(only_changed(opts, buf.data(), len, 0, 0));
    return;
  }
  CHECK(only_changed(opts, buf.data(), len, o.ts_off, o.ts_off + 8U));
  knits_tcp_opts want = o;
  want.tsval = tsval;
  want.tsecr = tsecr;
  knits_tcp_opts got{};
  CHECK(parse(buf.data(), len, &got) == 0 && same(got, want));
}

void check_put_sack(const std::uint8_t* opts, std::size_t len, const knits_tcp_opts& o) {
  std::vector<std::uint8_t> buf;
  for (unsigned int i = 0; i <= KNITS_TCP_SACK_MAX; i++) {
    buf.assign(opts, opts + len);
    const std::uint32_t start = o.sack_end[0] + i;
    const std::uint32_t end = ~o.sack_start[0] - i;
    knits_tcp_opts_put_sack(buf.data(), &o, static_cast<std::uint8_t>(i), start, end);
    if (i >= o.nsack) {
      CHECK(only_changed(opts, buf.data(), len, 0, 0));
      continue;
    }
    const std::size_t at = o.sack_off + 8U * i;
    CHECK(only_changed(opts, buf.data(), len, at, at + 8));
    knits_tcp_opts want = o;
    want.sack_start[i] = start;
    want.sack_end[i] = end;
    knits_tcp_opts got{};
    CHECK(parse(buf.data(), len, &got) == 0 && same(got, want));
  }
}

void check_nop_sack(const std::uint8_t* opts, std::size_t len, const knits_tcp_opts& o) {
  std::vector<std::uint8_t> buf(opts, opts + len);
  knits_tcp_opts_nop_sack(buf.data(), &o);
  if (o.nsack == 0) {
    CHECK(only_changed(opts, buf.data(), len, 0, 0));
    return;
  }
  const std::size_t from = o.sack_off - 2U;
  const std::size_t to = o.sack_off + 8U * o.nsack;
  CHECK(only_changed(opts, buf.data(), len, from, to));
  CHECK(std::all_of(buf.data() + from, buf.data() + to,
                    [](std::uint8_t b) { return b == KNITS_TCPOPT_NOP; }));
  knits_tcp_opts want = o;
  want.nsack = 0;
  want.sack_off = 0;
  std::fill(want.sack_start, want.sack_start + KNITS_TCP_SACK_MAX, 0);
  std::fill(want.sack_end, want.sack_end + KNITS_TCP_SACK_MAX, 0);
  knits_tcp_opts got{};
  CHECK(parse(buf.data(), len, &got) == 0 && same(got, want));
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): libFuzzer's name
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) {
    return -1;
  }
  // Exactly `size` bytes on the heap: AddressSanitizer sees any access
  // beyond them.
  const std::vector<std::uint8_t> opts(data, data + size);
  knits_tcp_opts o{};
  const int rc = parse(opts.data(), size, &o);
  if (size > KNITS_TCP_OPTS_MAX) {
    CHECK(rc == -1);
    return 0;
  }
  if (rc != 0) {
    return 0;
  }
  check_parse(opts.data(), size, o);
  check_put_ts(opts.data(), size, o);
  check_put_sack(opts.data(), size, o);
  check_nop_sack(opts.data(), size, o);
  return 0;
}
