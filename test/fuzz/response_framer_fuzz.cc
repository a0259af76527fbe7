// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The node proxy's framing of its web server's responses on any bytes: no
// crash and no undefined behaviour, the responses found never add up to
// more than the input, and the stream fed whole and fed in pieces (their
// sizes and whether the request was a HEAD taken from the input's first
// byte) gives the same responses, of the same lengths, with the same end.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "pieces.h"
#include "proxy/response_framer.h"

namespace {

using knits::proxy::FramedResponse;
using knits::proxy::ResponseFramer;

struct Seen {
  std::vector<std::string> responses;  // "status interim keep-alive bytes"
  bool error = false;
  std::uint64_t bytes = 0;
};

std::string describe(const FramedResponse& r) {
  return std::to_string(r.status) + " " + std::to_string(static_cast<int>(r.interim)) + " " +
         std::to_string(static_cast<int>(r.keep_alive)) + " " + std::to_string(r.bytes);
}

// One response after another, as a proxy relays them on one connection;
// the server's close at the end.
Seen frame(std::span<const char> stream, std::size_t piece, bool head_request) {
  std::optional<ResponseFramer> framer(std::in_place, head_request, 256);
  Seen seen;
  std::string held;
  std::size_t next = 0;
  for (;;) {
    const std::size_t n = std::min(piece, stream.size() - next);
    held.append(stream.data() + next, n);
    next += n;
    for (;;) {
      const ResponseFramer::Step step = framer->feed(std::span(held.data(), held.size()));
      CHECK(step.consumed <= held.size());
      held.erase(0, step.consumed);
      if (step.error) {
        seen.error = true;
        return seen;
      }
      if (!step.response) {
        break;
      }
      CHECK(step.response->bytes > 0);
      seen.bytes += step.response->bytes;
      seen.responses.push_back(describe(*step.response));
      framer.emplace(head_request, 256);
    }
    if (next == stream.size()) {
      break;
    }
  }
  if (const std::optional<FramedResponse> last = framer->finish()) {
    seen.bytes += last->bytes;
    seen.responses.push_back(describe(*last) + " at close");
  }
  return seen;
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): libFuzzer's name
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const knits::fuzz::Pieces in = knits::fuzz::pieces_of(data, size);
  const std::span<const char> stream(in.stream.data(), in.stream.size());
  const Seen whole = frame(stream, stream.size() + 1, in.flag);
  const Seen pieces = frame(stream, in.piece, in.flag);
  CHECK(whole.bytes <= stream.size());
  CHECK(whole.responses == pieces.responses);
  CHECK(whole.error == pieces.error);
  return 0;
}
