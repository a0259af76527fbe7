// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The node proxy's framing of its web server's responses: where each one
// ends, whatever way the bytes arrive (Content-Length, chunked, HEAD,
// bodiless statuses, 1xx, a body that runs to the close), and the head's
// limit at the limit.

#include "proxy/response_framer.h"

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>

#include <gtest/gtest.h>

namespace {

using knits::proxy::FramedResponse;
using knits::proxy::ResponseFramer;

struct Framed {
  std::optional<FramedResponse> response;
  bool error = false;
  // bytes the response took
  std::size_t taken = 0;
};

// Feeds @stream @piece bytes at a time (0: at once), then the server's
// close if @close.
Framed frame(const std::string& stream, std::size_t piece, bool head_request = false,
             bool close = false, std::size_t max_head = 65536) {
  ResponseFramer framer(head_request, max_head);
  Framed out;
  std::string held;
  std::size_t next = 0;
  while (next < stream.size()) {
    const std::size_t n = piece == 0 ? stream.size() - next : std::min(piece, stream.size() - next);
    held += stream.substr(next, n);
    next += n;
    const ResponseFramer::Step step = framer.feed(std::span(held.data(), held.size()));
    held.erase(0, step.consumed);
    out.taken += step.consumed;
    if (step.error) {
      out.error = true;
      return out;
    }
    if (step.response) {
      out.response = step.response;
      return out;
    }
  }
  if (close) {
    out.response = framer.finish();
  }
  return out;
}

constexpr std::array<std::size_t, 6> kPieces = {0, 1, 2, 3, 7, 64};

TEST(ResponseFramer, AContentLengthResponseEndsAtItsBody) {
  const std::string response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
  for (const std::size_t piece : kPieces) {
    const Framed f = frame(response + "HTTP/1.1 200 OK\r\n", piece);
    ASSERT_TRUE(f.response) << piece;
    EXPECT_EQ(f.response->bytes, response.size()) << piece;
    EXPECT_EQ(f.taken, response.size()) << piece;
    EXPECT_EQ(f.response->status, 200U);
    EXPECT_TRUE(f.response->keep_alive);
    EXPECT_FALSE(f.response->interim);
  }
}

TEST(ResponseFramer, AChunkedResponseEndsAfterItsTrailers) {
  const std::string response =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5;ext=1\r\nhello\r\n3\r\nabc\r\n0\r\nX-Trailer: y\r\n\r\n";
  for (const std::size_t piece : kPieces) {
    const Framed f = frame(response + "GARBAGE", piece);
    ASSERT_TRUE(f.response) << piece;
    EXPECT_EQ(f.response->bytes, response.size()) << piece;
  }
}

TEST(ResponseFramer, AHeadResponseHasNoBodyWhateverItsLength) {
  const std::string response = "HTTP/1.1 200 OK\r\nContent-Length: 300000\r\n\r\n";
  for (const std::size_t piece : kPieces) {
    const Framed f = frame(response, piece, true);
    ASSERT_TRUE(f.response) << piece;
    EXPECT_EQ(f.response->bytes, response.size()) << piece;
  }
  // the same response to a GET waits for its body
  EXPECT_FALSE(frame(response, 0, false).response);
}

TEST(ResponseFramer, BodilessStatusesEndAtTheirHead) {
  for (const std::string status : {"204 No Content", "304 Not Modified"}) {
    const std::string response = "HTTP/1.1 " + status + "\r\nContent-Length: 10\r\n\r\n";
    const Framed f = frame(response, 0);
    ASSERT_TRUE(f.response) << status;
    EXPECT_EQ(f.response->bytes, response.size()) << status;
  }
}

TEST(ResponseFramer, AnInterimResponseComesOutOnItsOwn) {
  const std::string interim = "HTTP/1.1 100 Continue\r\n\r\n";
  const Framed f = frame(interim + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0);
  ASSERT_TRUE(f.response);
  EXPECT_TRUE(f.response->interim);
  EXPECT_EQ(f.response->bytes, interim.size());
}

TEST(ResponseFramer, ABodyWithoutLengthRunsToTheClose) {
  const std::string response = "HTTP/1.1 200 OK\r\n\r\nuntil the end";
  for (const std::size_t piece : kPieces) {
    const Framed f = frame(response, piece, false, true);
    ASSERT_TRUE(f.response) << piece;
    EXPECT_EQ(f.response->bytes, response.size()) << piece;
    EXPECT_FALSE(f.response->keep_alive);
  }
}

TEST(ResponseFramer, AResponseCutShortByTheCloseIsNotOne) {
  EXPECT_FALSE(frame("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", 0, false, true).response);
  EXPECT_FALSE(frame("HTTP/1.1 200 OK\r\nContent-Le", 0, false, true).response);
  EXPECT_FALSE(frame("", 0, false, true).response);
}

TEST(ResponseFramer, ConnectionCloseIsReported) {
  const Framed f = frame("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", 0);
  ASSERT_TRUE(f.response);
  EXPECT_FALSE(f.response->keep_alive);
  const Framed old = frame("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", 0);
  ASSERT_TRUE(old.response);
  EXPECT_FALSE(old.response->keep_alive);
}

TEST(ResponseFramer, NotAResponseIsAnErrorThatStays) {
  ResponseFramer framer(false);
  const std::string bytes = "GET / HTTP/1.1\r\n\r\n";
  EXPECT_TRUE(framer.feed(std::span(bytes.data(), bytes.size())).error);
  const std::string more = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
  EXPECT_TRUE(framer.feed(std::span(more.data(), more.size())).error);
  EXPECT_FALSE(framer.finish());
}

TEST(ResponseFramer, TheHeadLimitHoldsAtTheLimit) {
  const std::string head =
      "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX: " + std::string(60, 'a') + "\r\n\r\n";
  for (const std::size_t piece : kPieces) {
    EXPECT_TRUE(frame(head, piece, false, false, head.size()).response) << piece;
    EXPECT_TRUE(frame(head, piece, false, false, head.size() - 1).error) << piece;
  }
}

TEST(ResponseFramer, AShortVersionIsAnErrorHoweverTheBytesCome) {
  // Beast 1.74 alone skips a head's end it saw when the version is short
  for (const std::size_t piece : kPieces) {
    EXPECT_TRUE(frame("HTTP/1 204 No Content\r\n\r\n", piece).error) << piece;
  }
}

}  // namespace
