// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Load mode: many hand-off connections at once, every byte checked. The
// impairment test (test/vm/cases/impair.sh) runs it over netem links.

#include "testnode/load.h"

#include <fcntl.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "posix/unique_fd.h"
#include "testnode/fd_io.h"
#include "testnode/session.h"
#include "testnode/sha256.h"
#include "testnode/sys_error.h"

namespace knits::testnode {
namespace {

constexpr int kOk = 200;
constexpr std::size_t kMaxReported = 20;
constexpr std::size_t kReadChunk = std::size_t{64} * 1024;

std::string file_digest(const std::string& path) {
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    throw_errno("open " + path);
  }
  Sha256 hash;
  std::array<char, kReadChunk> chunk{};
  for (;;) {
    const std::size_t got = read_some(fd.get(), chunk);
    if (got == 0) {
      return hash.hex_digest();
    }
    hash.update(std::string_view(chunk.data(), got));
  }
}

// What each pool entry's body must hash to: GET the origin file, POST
// the digest line the node answers with ("<hex of the upload>\n").
std::vector<std::string> expected_digests(const LoadOptions& options) {
  std::vector<std::string> digests;
  for (const ClientRequest& request : options.pool) {
    if (request.method == "POST") {
      Sha256 line;
      line.update(file_digest(request.body_file) + "\n");
      digests.push_back(line.hex_digest());
      continue;
    }
    const std::string rest = request.path.substr(request.path.find('/', 1) + 1);
    digests.push_back(file_digest(options.origin + "/" +
                                  std::to_string(load_request_node(request)) + "/" + rest));
  }
  return digests;
}

// Connection @index's requests, as pool indexes: no two in a row on one
// node, unless the pool has only one.
std::vector<std::size_t> plan(const LoadOptions& options, std::uint32_t index) {
  std::mt19937_64 random(options.seed * 1000003U + index);
  std::uniform_int_distribution<std::uint32_t> count(options.min_requests, options.max_requests);
  std::uniform_int_distribution<std::size_t> pick(0, options.pool.size() - 1);
  const std::uint32_t first = load_request_node(options.pool.front());
  const bool one_node = std::all_of(
      options.pool.begin(), options.pool.end(),
      [first](const ClientRequest& request) { return load_request_node(request) == first; });
  std::vector<std::size_t> picked;
  const std::uint32_t n = count(random);
  while (picked.size() < n) {
    const std::size_t next = pick(random);
    if (picked.empty() || one_node ||
        load_request_node(options.pool[next]) != load_request_node(options.pool[picked.back()])) {
      picked.push_back(next);
    }
  }
  return picked;
}

struct Tally {
  std::mutex mutex;
  std::uint64_t ok = 0;
  std::uint64_t corrupted = 0;
  std::uint64_t bad_status = 0;
  std::uint64_t resets = 0;
  std::uint64_t stalls = 0;
  std::uint64_t errors = 0;
  std::uint64_t requests = 0;
  std::uint64_t bytes = 0;
  std::vector<std::string> reported;

  void report(const std::string& line) {
    if (reported.size() < kMaxReported) {
      reported.push_back(line);
    }
  }
};

void run_one(const LoadOptions& options, const std::vector<std::string>& digests,
             std::uint32_t index, Tally& tally) {
  const std::vector<std::size_t> picked = plan(options, index);
  std::vector<ClientRequest> requests;
  requests.reserve(picked.size());
  for (const std::size_t i : picked) {
    requests.push_back(options.pool[i]);
  }
  const SessionResult result =
      run_session(options.server, options.host, requests,
                  Clock::now() + std::chrono::seconds(options.timeout_seconds),
                  [](std::size_t /*index*/, std::string_view /*piece*/) {});
  std::string wrong;
  std::string bad_status;
  std::uint64_t bytes = 0;
  for (std::size_t i = 0; i < result.responses.size(); ++i) {
    const Response& response = result.responses[i];
    bytes += response.bytes;
    if (bad_status.empty() && response.status != kOk) {
      bad_status = "response " + std::to_string(i) + " (" + requests[i].path + ") has status " +
                   std::to_string(response.status);
    } else if (wrong.empty() && response.status == kOk && response.sha256 != digests[picked[i]]) {
      wrong = "response " + std::to_string(i) + " (" + requests[i].path + ", " +
              std::to_string(response.bytes) + " B) has the wrong SHA-256";
    }
  }
  const std::lock_guard lock(tally.mutex);
  tally.requests += result.responses.size();
  tally.bytes += bytes;
  const std::string who = "connection " + std::to_string(index) + " (" + result.local + "): ";
  if (!wrong.empty()) {
    tally.corrupted++;
    tally.report(who + wrong);
    return;
  }
  if (!bad_status.empty()) {
    tally.bad_status++;
    tally.report(who + bad_status);
    return;
  }
  switch (result.failure) {
    case SessionFailure::kNone:
      tally.ok++;
      return;
    case SessionFailure::kReset:
      tally.resets++;
      break;
    case SessionFailure::kStall:
      tally.stalls++;
      break;
    case SessionFailure::kProtocol:
      tally.errors++;
      break;
  }
  tally.report(who + result.error);
}

}  // namespace

std::uint32_t load_request_node(const ClientRequest& request) {
  std::uint32_t node = 0;
  for (std::size_t i = 2; i < request.path.size() && request.path[i] != '/'; ++i) {
    node = node * 10 + static_cast<std::uint32_t>(request.path[i] - '0');
  }
  return node;
}

int run_load(const LoadOptions& options) {
  try {
    const std::vector<std::string> digests = expected_digests(options);
    const auto start = Clock::now();
    Tally tally;
    std::atomic<std::uint32_t> next{0};
    std::vector<std::thread> workers;
    for (std::uint32_t w = 0; w < options.parallel; ++w) {
      workers.emplace_back([&] {
        for (std::uint32_t i = next++; i < options.connections; i = next++) {
          run_one(options, digests, i, tally);
        }
      });
    }
    for (std::thread& worker : workers) {
      worker.join();
    }
    const std::chrono::duration<double> took = Clock::now() - start;
    for (const std::string& line : tally.reported) {
      std::cerr << "knits_testnode load: " << line << '\n';
    }
    nlohmann::ordered_json summary;
    summary["connections"] = options.connections;
    summary["ok"] = tally.ok;
    summary["corrupted"] = tally.corrupted;
    summary["bad_status"] = tally.bad_status;
    summary["resets"] = tally.resets;
    summary["stalls"] = tally.stalls;
    summary["errors"] = tally.errors;
    summary["requests"] = tally.requests;
    summary["bytes"] = tally.bytes;
    summary["seconds"] = took.count();
    std::cout << summary.dump() << std::endl;
    return tally.ok == options.connections ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "knits_testnode load: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace knits::testnode
