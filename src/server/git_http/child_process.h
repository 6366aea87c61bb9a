#pragma once
// Child processes for git: spawned with posix_spawn (no fork of a large multi-threaded server),
// an explicit environment, and only the descriptors we hand them (0, 1, 2); every other fd of
// the server, sockets included, stays out of the child and of anything it starts.
#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/file_handle.h"

namespace hfhub::server {

// An anonymous in-memory file (memfd): a small stdin for a child, or a place for its stderr
// that can never fill up and block it the way a pipe nobody reads would.
FileHandle scratch_file(const std::string& content = {});
// Everything in the file, from the start (at most `max_bytes`).
std::string read_scratch(int fd, size_t max_bytes = 64 * 1024);

struct SpawnSpec {
  std::vector<std::string> argv;                // argv[0]: an absolute path
  std::optional<std::vector<std::string>> env;  // "NAME=value" — the whole environment; nullopt: inherit
  int stdin_fd = -1;                            // -1: /dev/null
  int stdout_fd = -1;                           // -1: /dev/null
  int stderr_fd = -1;                           // -1: /dev/null
  // > 0: the child leads a process group of its own, and the whole group (git and whatever it
  // started: upload-pack, pack-objects, hooks) is killed if it still runs this many seconds
  // after it started. A hung git (a client that stopped reading, a stuck disk) then ends.
  int timeout_seconds = 0;
};

// The limit for git children of the server (`git-timeout`, seconds; 0: none). Set once at start.
void set_git_timeout(int seconds);
int git_timeout();

// Starts the process; throws std::system_error when it cannot.
pid_t spawn_process(const SpawnSpec& spec);
// Waits for the child; returns its exit code, or 128 + signal number when a signal ended it.
int wait_process(pid_t pid);
// Kills a child started by spawn_process (its process group, when it has one), then reaps it.
void kill_process(pid_t pid);

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
// Runs to completion: stdin from `input`, stdout and stderr captured (stdout without limit).
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = {},
                          const std::optional<std::vector<std::string>>& env = std::nullopt, int timeout_seconds = 0);

// `name` found in the directories of $PATH (absolute), or nullopt.
std::optional<std::string> find_in_path(std::string_view name);

}  // namespace hfhub::server
