// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The splice command stands in for the node library's request to knitsd:
// the VM tests pass whatever sends the request and prints the answer.

#include "testnode/splice_command.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "posix/unique_fd.h"
#include "testnode/fd_io.h"

namespace knits::testnode {
namespace {

// Enough for any answer; more is kept out of the log.
constexpr std::size_t kMaxOutput = std::size_t{64} * 1024;

struct FileActions {
  posix_spawn_file_actions_t actions{};
  FileActions() { posix_spawn_file_actions_init(&actions); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  FileActions(FileActions&&) = delete;
  FileActions& operator=(FileActions&&) = delete;
  ~FileActions() { posix_spawn_file_actions_destroy(&actions); }
};

struct SpawnAttributes {
  posix_spawnattr_t attributes{};
  SpawnAttributes() { posix_spawnattr_init(&attributes); }
  SpawnAttributes(const SpawnAttributes&) = delete;
  SpawnAttributes& operator=(const SpawnAttributes&) = delete;
  SpawnAttributes(SpawnAttributes&&) = delete;
  SpawnAttributes& operator=(SpawnAttributes&&) = delete;
  ~SpawnAttributes() { posix_spawnattr_destroy(&attributes); }
};

// strerror() is not thread-safe; this is.
std::string error_text(int errnum) { return std::generic_category().message(errnum); }

// Starts @argv with standard output on @out and standard input from
// /dev/null. The child gets SIGPIPE back: an ignored signal would stay
// ignored across exec. Returns 0 or an errno value.
int spawn(const std::vector<std::string>& argv, int out, pid_t& pid) {
  FileActions files;
  posix_spawn_file_actions_addopen(&files.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&files.actions, out, STDOUT_FILENO);
  SpawnAttributes attrs;
  sigset_t none;
  sigset_t pipe_signal;
  sigemptyset(&none);
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  posix_spawnattr_setsigmask(&attrs.attributes, &none);
  posix_spawnattr_setsigdefault(&attrs.attributes, &pipe_signal);
  posix_spawnattr_setflags(&attrs.attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<std::string> words = argv;
  std::vector<char*> pointers;
  pointers.reserve(words.size() + 1);
  for (std::string& word : words) {
    pointers.push_back(word.data());
  }
  pointers.push_back(nullptr);
  return posix_spawnp(&pid, pointers.front(), &files.actions, &attrs.attributes, pointers.data(),
                      environ);
}

// Reads @fd to end-of-file or @deadline: false on timeout.
bool read_output(int fd, Clock::time_point deadline, std::string& output) {
  std::array<char, 4096> chunk{};
  for (;;) {
    if (!wait_readable(fd, deadline)) {
      return false;
    }
    const std::size_t got = read_some(fd, chunk);
    if (got == 0) {
      return true;
    }
    output.append(chunk.data(), std::min(got, kMaxOutput - std::min(kMaxOutput, output.size())));
  }
}

int wait_child(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

std::string exit_problem(int status) {
  if (WIFEXITED(status)) {
    return WEXITSTATUS(status) == 0 ? ""
                                    : "exited with status " + std::to_string(WEXITSTATUS(status));
  }
  if (WIFSIGNALED(status)) {
    return "killed by signal " + std::to_string(WTERMSIG(status));
  }
  return "ended with wait status " + std::to_string(status);
}

// {"status":"ok","p":N}: the error, empty if it is that.
std::string read_answer(std::string_view output, std::uint64_t& p) {
  const nlohmann::json answer = nlohmann::json::parse(output, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) {
    return "its output is not a JSON object";
  }
  const auto status = answer.find("status");
  if (status == answer.end() || !status->is_string() || status->get<std::string>() != "ok") {
    return R"(it did not answer "status":"ok")";
  }
  const auto offset = answer.find("p");
  if (offset == answer.end() || !offset->is_number_unsigned()) {
    return "its answer has no unsigned integer \"p\"";
  }
  p = offset->get<std::uint64_t>();
  return "";
}

}  // namespace

std::vector<std::string> split_words(std::string_view command) {
  std::vector<std::string> words;
  while (!command.empty()) {
    const std::size_t space = command.find(' ');
    if (space != 0) {
      words.emplace_back(command.substr(0, space));
    }
    command = space == std::string_view::npos ? std::string_view{} : command.substr(space + 1);
  }
  return words;
}

SpliceAnswer run_splice_command(const std::vector<std::string>& argv) {
  SpliceAnswer answer;
  if (argv.empty()) {
    answer.error = "no splice command (--splice-cmd)";
    return answer;
  }
  std::array<int, 2> pipe_ends{};
  // O_CLOEXEC: a command that another connection's thread starts meanwhile
  // must not hold this pipe open.
  if (pipe2(pipe_ends.data(), O_CLOEXEC) != 0) {
    answer.error = "pipe: " + error_text(errno);
    return answer;
  }
  const UniqueFd read_end(pipe_ends[0]);
  UniqueFd write_end(pipe_ends[1]);
  pid_t pid = 0;
  if (const int err = spawn(argv, write_end.get(), pid); err != 0) {
    answer.error = "cannot run '" + argv.front() + "': " + error_text(err);
    return answer;
  }
  write_end.reset();

  bool finished = false;
  try {
    finished = read_output(read_end.get(), Clock::now() + kSpliceCommandTimeout, answer.output);
  } catch (const std::exception& e) {
    answer.error = e.what();
  }
  if (!finished) {
    kill(pid, SIGKILL);
  }
  const int status = wait_child(pid);
  if (!answer.error.empty()) {
    return answer;
  }
  if (!finished) {
    answer.error = "timed out after " + std::to_string(kSpliceCommandTimeout.count()) + " s";
    return answer;
  }
  if (std::string problem = exit_problem(status); !problem.empty()) {
    answer.error = std::move(problem);
    return answer;
  }
  answer.error = read_answer(answer.output, answer.p);
  answer.ok = answer.error.empty();
  return answer;
}

namespace {

class CommandSplicer final : public Splicer {
 public:
  explicit CommandSplicer(std::vector<std::string> argv) : argv_(std::move(argv)) {}

  SpliceAnswer splice(const SpliceCall& call) override {
    std::vector<std::string> argv = argv_;
    argv.insert(argv.end(), {"--c1", call.c1, "--c2", call.c2, "--t", std::to_string(call.t), "--s",
                             std::to_string(call.s), "--json"});
    return run_splice_command(argv);
  }

 private:
  const std::vector<std::string> argv_;
};

}  // namespace

std::unique_ptr<Splicer> make_command_splicer(std::vector<std::string> argv) {
  return std::make_unique<CommandSplicer>(std::move(argv));
}

}  // namespace knits::testnode
