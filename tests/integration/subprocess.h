#pragma once
// Runs the project's binaries from tests: hfhubd as a long-lived child, the CLI to completion.
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace hfhub::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv to completion with extra environment variables; stdin is /dev/null.
RunResult run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {});

// A child process whose stdout is a pipe, read line by line.
class Child {
 public:
  Child(const std::vector<std::string>& argv, const std::string& stderr_file);
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // The next stdout line, waiting at most timeout_ms; empty on timeout or EOF.
  std::string read_line(int timeout_ms);
  // Sends SIGTERM and waits; returns the exit status (or -signal).
  int terminate();
  // SIGKILL, as a crash or power cut would; waits for the process to be gone.
  void kill_hard();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string buffer_;
};

}  // namespace hfhub::testing
