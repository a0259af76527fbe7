// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Client mode: one session (testnode/session.h), its bodies kept in files
// for the tests to compare, one JSON line per response.

#include "testnode/client.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstddef>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "posix/unique_fd.h"
#include "testnode/fd_io.h"
#include "testnode/session.h"
#include "testnode/sys_error.h"

namespace knits::testnode {
namespace {

constexpr int kOk = 200;

void make_directory(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    throw_errno("mkdir " + dir);
  }
}

// out_dir/0, out_dir/1, ...: each opened when its response's body starts
// (an empty body still gets its empty file).
class BodyFiles {
 public:
  explicit BodyFiles(std::string dir) : dir_(std::move(dir)) {}

  void open(std::size_t index) {
    while (files_.size() <= index) {
      const std::string file = dir_ + "/" + std::to_string(files_.size());
      UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
      if (!fd.valid()) {
        throw_errno("open " + file);
      }
      files_.push_back(std::move(fd));
    }
  }

  void write(std::size_t index, std::string_view piece) {
    open(index);
    write_all(files_[index].get(), piece);
  }

 private:
  std::string dir_;
  std::vector<UniqueFd> files_;
};

}  // namespace

int run_client(const ClientOptions& options) {
  try {
    make_directory(options.out_dir);
    BodyFiles files(options.out_dir);
    const SessionResult result = run_session(
        options.server, options.host, options.requests, Clock::now() + kClientTimeout,
        [&files](std::size_t index, std::string_view piece) { files.write(index, piece); });
    std::string failure = result.error;
    for (std::size_t i = 0; i < result.responses.size(); ++i) {
      const Response& response = result.responses[i];
      files.open(i);
      nlohmann::ordered_json line;
      line["i"] = i;
      line["status"] = response.status;
      line["bytes"] = response.bytes;
      line["sha256"] = response.sha256;
      std::cout << line.dump() << '\n';
      if (response.status != kOk && failure.empty()) {
        failure =
            "response " + std::to_string(i) + " has status " + std::to_string(response.status);
      }
    }
    std::cout.flush();
    if (!std::cout) {
      failure = "writing to standard output failed";
    }
    if (!failure.empty()) {
      std::cerr << "knits_testnode client: " << failure << '\n';
      return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "knits_testnode client: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace knits::testnode
