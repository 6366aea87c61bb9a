#include "server/git_http/child_process.h"

#include "server/git_http/child_deadlines.h"
#include "server/metrics/metrics.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <system_error>

#include "common/posix_io.h"

extern char** environ;

namespace hfhub::server {

namespace {

[[noreturn]] void throw_errno(int err, const char* what) {
  throw std::system_error(err, std::generic_category(), what);
}

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// posix_spawn's attribute and file-action objects, released on every path.
struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
};

void redirect(posix_spawn_file_actions_t& actions, int fd, int target, int devnull_flags) {
  if (fd >= 0)
    posix_spawn_file_actions_adddup2(&actions, fd, target);
  else
    posix_spawn_file_actions_addopen(&actions, target, "/dev/null", devnull_flags, 0);
}

std::atomic<int> g_git_timeout{0};

}  // namespace

void set_git_timeout(int seconds) { g_git_timeout.store(std::max(0, seconds)); }
int git_timeout() { return g_git_timeout.load(); }

FileHandle scratch_file(const std::string& content) {
  FileHandle fd(::memfd_create("hfhub-scratch", MFD_CLOEXEC));
  if (!fd) throw_errno(errno, "memfd_create");
  write_all(fd.fd(), content);
  if (::lseek(fd.fd(), 0, SEEK_SET) < 0) throw_errno(errno, "lseek");
  return fd;
}

std::string read_scratch(int fd, size_t max_bytes) {
  std::string out(max_bytes, '\0');
  std::error_code ec;  // what was read before an error is all there is to log
  out.resize(pread_all(fd, out.data(), out.size(), 0, ec));
  return out;
}

pid_t spawn_process(const SpawnSpec& spec) {
  if (spec.argv.empty()) throw std::invalid_argument("spawn_process: empty argv");
  SpawnSetup s;
  redirect(s.actions, spec.stdin_fd, 0, O_RDONLY);
  redirect(s.actions, spec.stdout_fd, 1, O_WRONLY);
  redirect(s.actions, spec.stderr_fd, 2, O_WRONLY);
  // Only 0-2 cross into the child: sockets and listening ports of the server never leak into
  // git, nor into anything git leaves running.
  posix_spawn_file_actions_addclosefrom_np(&s.actions, 3);
  // The server ignores SIGPIPE and may block signals in its threads; the child starts clean, so
  // git dies quietly on a closed pipe when the client went away, as it does under a web server.
  sigset_t defaults, empty;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigemptyset(&empty);
  posix_spawnattr_setsigdefault(&s.attr, &defaults);
  posix_spawnattr_setsigmask(&s.attr, &empty);
  short flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
  if (spec.timeout_seconds > 0) {
    posix_spawnattr_setpgroup(&s.attr, 0);  // a group of its own, killed whole at the deadline
    flags |= POSIX_SPAWN_SETPGROUP;
  }
  posix_spawnattr_setflags(&s.attr, flags);

  auto argv = c_strings(spec.argv);
  std::vector<char*> envp;
  if (spec.env) envp = c_strings(*spec.env);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, argv[0], &s.actions, &s.attr, argv.data(), spec.env ? envp.data() : environ);
  if (rc != 0) throw_errno(rc, ("spawn " + spec.argv[0]).c_str());
  metrics().git_process_started();
  if (spec.timeout_seconds > 0)
    watch_child(pid, spec.timeout_seconds, spec.argv[0] + (spec.argv.size() > 1 ? " " + spec.argv[1] : ""));
  return pid;
}

int wait_process(pid_t pid) {
  // Exited but not yet reaped: the deadline is dropped while the pid cannot be reused.
  siginfo_t info;
  while (::waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
  }
  unwatch_child(pid);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  metrics().git_process_exited();
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

void kill_process(pid_t pid) {
  // A group of its own (started with a timeout) goes whole; ESRCH means it has none.
  if (::kill(-pid, SIGKILL) != 0) ::kill(pid, SIGKILL);
  wait_process(pid);
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input,
                          const std::optional<std::vector<std::string>>& env, int timeout_seconds) {
  auto in = scratch_file(input);
  auto err = scratch_file();
  int out_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) throw_errno(errno, "pipe");
  FileHandle out_read(out_pipe[0]), out_write(out_pipe[1]);
  pid_t pid = spawn_process({argv, env, in.fd(), out_write.fd(), err.fd(), timeout_seconds});
  out_write.reset();  // the child holds the only writer: EOF when it exits

  ProcessResult r;
  std::error_code ec;  // a failed read ends the output as EOF would; the exit code tells the rest
  r.out = read_to_eof(out_read.fd(), ec);
  r.exit_code = wait_process(pid);
  r.err = read_scratch(err.fd());
  return r;
}

std::optional<std::string> find_in_path(std::string_view name) {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path && *path ? path : "/usr/local/bin:/usr/bin:/bin";
  while (!dirs.empty()) {
    auto colon = dirs.find(':');
    auto dir = dirs.substr(0, colon);
    dirs = colon == std::string_view::npos ? std::string_view{} : dirs.substr(colon + 1);
    if (dir.empty() || dir.front() != '/') continue;
    std::string candidate = std::string(dir) + "/" + std::string(name);
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

}  // namespace hfhub::server
