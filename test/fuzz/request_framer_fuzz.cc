// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The node proxy's HTTP/1.1 framing on any bytes: no crash and no
// undefined behaviour, the requests found never add up to more than the
// input, and how the bytes arrive changes nothing: the stream fed whole
// and fed in pieces (their sizes taken from the input's first byte) gives
// the same requests, of the same lengths, and the same error.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "pieces.h"
#include "proxy/request_framer.h"

namespace {

using knits::proxy::FrameError;
using knits::proxy::FramerLimits;
using knits::proxy::RequestFramer;

struct Seen {
  std::vector<std::string> requests;  // "METHOD TARGET version keep-alive bytes"
  FrameError error = FrameError::kNone;
  std::uint64_t bytes = 0;
};

Seen frame(std::span<const char> stream, std::size_t piece) {
  FramerLimits limits;
  limits.max_head = 512;
  limits.max_body = 4096;
  RequestFramer framer(limits);
  Seen seen;
  std::string held;
  std::size_t next = 0;
  for (;;) {
    const std::size_t n = std::min(piece, stream.size() - next);
    held.append(stream.data() + next, n);
    next += n;
    for (;;) {
      const RequestFramer::Step step = framer.feed(std::span(held.data(), held.size()));
      CHECK(step.consumed <= held.size());
      held.erase(0, step.consumed);
      if (step.error != FrameError::kNone) {
        seen.error = step.error;
        return seen;
      }
      if (!step.request) {
        break;
      }
      CHECK(step.request->bytes > 0);
      seen.bytes += step.request->bytes;
      seen.requests.push_back(step.request->method + " " + step.request->target + " " +
                              std::to_string(step.request->version) + " " +
                              std::to_string(static_cast<int>(step.request->keep_alive)) + " " +
                              std::to_string(step.request->bytes));
    }
    if (next == stream.size()) {
      return seen;
    }
  }
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): libFuzzer's name
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const knits::fuzz::Pieces in = knits::fuzz::pieces_of(data, size);
  const std::span<const char> stream(in.stream.data(), in.stream.size());
  const Seen whole = frame(stream, stream.size() + 1);
  const Seen pieces = frame(stream, in.piece);
  CHECK(whole.bytes <= stream.size());
  CHECK(whole.requests == pieces.requests);
  CHECK(whole.error == pieces.error);
  return 0;
}
