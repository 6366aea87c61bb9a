#include "server/git_http/git_http_backend.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "common/ascii.h"
#include "common/error_code.h"
#include "common/posix_io.h"
#include "server/git_http/push_hooks.h"
#include "server/model/domain_error.h"

namespace hfhub::server {

namespace {

// CGI headers are a few short lines; anything longer is not git talking.
constexpr size_t kMaxHeaderBytes = 16 * 1024;

// Header values copied into the child's environment: printable ASCII only, bounded.
std::string env_safe(std::string_view value) {
  std::string out;
  for (char c : value.substr(0, 256)) out += (c >= 0x20 && c < 0x7f) ? c : '_';
  return out;
}

// GIT_PROTOCOL is a colon-separated list of key=value pairs ("version=2").
bool is_safe_git_protocol(std::string_view v) {
  if (v.empty() || v.size() > 256) return false;
  for (char c : v)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '=' || c == ':' || c == '.' || c == '_' || c == '-'))
      return false;
  return true;
}

// One line for the server log. Real clients get progress through the side band, so git's stderr
// is normally empty or a short error; the tail is the part that says what went wrong.
void log_child(const std::string& label, int exit_code, std::string err) {
  constexpr size_t kMaxLogged = 1000;
  while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
  if (exit_code == 0 && err.empty()) return;
  if (err.size() > kMaxLogged) err = "..." + err.substr(err.size() - kMaxLogged);
  for (auto& c : err)
    if (c == '\n' || c == '\r') c = '|';
  std::fprintf(stderr, "%s: exit %d%s%s\n", label.c_str(), exit_code, err.empty() ? "" : ": ", err.c_str());
}

// The request body as the child's stdin: the spooled file itself, or the small in-memory body in
// a memfd. Never a pipe we would have to feed while reading the answer.
FileHandle body_input(const Request& request) {
  if (request.spooled) {
    FileHandle fd(::open(request.spooled->path().c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) throw std::system_error(errno, std::generic_category(), "open spooled body");
    return fd;
  }
  if (request.body.empty()) return {};
  return scratch_file(request.body);
}

}  // namespace

GitCgiProcess::~GitCgiProcess() {
  if (pid_ > 0) kill_process(pid_);
}

void GitCgiProcess::read_headers() {
  // Byte by byte: whatever follows the blank line is body, and it must stay in the pipe for the
  // transport, which reads the descriptor itself.
  std::string block;
  char c;
  for (;;) {
    std::error_code ec;
    size_t n = read_some(out_.fd(), &c, 1, ec);
    if (ec || n == 0 || block.size() > kMaxHeaderBytes) {
      int code = wait_process(std::exchange(pid_, -1));
      log_child(label_, code, read_scratch(err_.fd()));
      throw DomainError(ErrorKind::Internal, "git http-backend failed");
    }
    block += c;
    if (block.ends_with("\n\n") || block.ends_with("\r\n\r\n")) break;
  }
  std::string_view rest = block;
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    auto line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto colon = line.find(':');
    if (line.empty() || colon == std::string_view::npos) continue;
    auto name = line.substr(0, colon);
    auto value = trim_whitespace(line.substr(colon + 1));
    if (ascii_iequals(name, "Status")) {
      int status = std::atoi(std::string(value).c_str());
      if (status >= 200 && status <= 599) status_ = status;
    } else if (!ascii_iequals(name, "Content-Length") && !ascii_iequals(name, "Transfer-Encoding")) {
      // Framing is the transport's: chunked for stream(), a length for collect().
      headers_.emplace_back(std::string(name), std::string(value));
    }
  }
}

Response GitCgiProcess::stream() {
  Response r;
  r.status = status_;
  r.headers = std::move(headers_);
  auto err = std::make_shared<FileHandle>(std::move(err_));
  pid_t pid = std::exchange(pid_, -1);
  // Runs on the IO thread once the pipe is drained or the client left (the transport closed our
  // end first, so a git still writing gets EPIPE and exits): waitpid does not block for long.
  auto finish = [pid, err, label = label_] { log_child(label, wait_process(pid), read_scratch(err->fd())); };
  r.stream = std::make_shared<PipeStream>(PipeStream{std::move(out_), std::move(finish)});
  return r;
}

Response GitCgiProcess::collect() {
  Response r;
  r.status = status_;
  r.headers = std::move(headers_);
  std::error_code ec;  // a failed read ends the body as EOF would
  r.body = read_to_eof(out_.fd(), ec);
  out_.reset();
  log_child(label_, wait_process(std::exchange(pid_, -1)), read_scratch(err_.fd()));
  return r;
}

GitHttpBackend::GitHttpBackend(std::string repos_root, std::string data_dir, std::string hfhubd_path)
    // Absolute: hooks run inside the repository, where a relative data dir would name nothing.
    : repos_root_(std::filesystem::absolute(repos_root).lexically_normal().string()),
      data_dir_(std::filesystem::absolute(data_dir).lexically_normal().string()) {
  auto git = find_in_path("git");
  if (!git) throw std::runtime_error("git is not installed (not found in PATH); git over HTTP needs it");
  git_ = *git;
  hooks_dir_ = install_push_hooks(data_dir_, hfhubd_path);
}

std::vector<std::string> GitHttpBackend::environment(const Request& request, const GitHttpCall& call) const {
  std::string git_dir = std::filesystem::path(git_).parent_path().string();
  std::vector<std::string> env{
      "PATH=" + git_dir + ":/usr/bin:/bin",
      // git reads no configuration but the repository's own and the pairs below.
      "HOME=" + data_dir_ + "/tmp",
      "GIT_CONFIG_NOSYSTEM=1",
      "GIT_CONFIG_GLOBAL=/dev/null",
      "LC_ALL=C",
      "GIT_PROJECT_ROOT=" + repos_root_,
      "GIT_HTTP_EXPORT_ALL=1",
      "PATH_INFO=/" + call.repo_id + ".git/" + call.action,
      "REQUEST_METHOD=" + request.method,
      "REMOTE_ADDR=" + env_safe(request.remote_address),
      std::string(kPushRepoIdEnv) + "=" + call.repo_id,
      "GIT_CONFIG_COUNT=4",
      "GIT_CONFIG_KEY_0=core.hooksPath",
      "GIT_CONFIG_VALUE_0=" + hooks_dir_,
      // Pushed objects and ref updates survive a power cut, like the server's own commits.
      "GIT_CONFIG_KEY_1=core.fsync",
      "GIT_CONFIG_VALUE_1=committed",
      // No background gc outliving the request and racing the server's own writes.
      "GIT_CONFIG_KEY_2=receive.autogc",
      "GIT_CONFIG_VALUE_2=false",
      // Every pushed object is checked (fsck) before it enters the repository.
      "GIT_CONFIG_KEY_3=receive.fsckObjects",
      "GIT_CONFIG_VALUE_3=true",
  };
  if (!call.service.empty()) env.push_back("QUERY_STRING=service=" + call.service);
  if (request.method == "POST") env.push_back("CONTENT_LENGTH=" + std::to_string(request.body_size()));
  if (auto v = request.header("content-type")) env.push_back("CONTENT_TYPE=" + env_safe(*v));
  // git gzips large upload-pack requests; http-backend inflates them itself.
  if (auto v = request.header("content-encoding")) env.push_back("HTTP_CONTENT_ENCODING=" + env_safe(*v));
  if (auto v = request.header("git-protocol"); v && is_safe_git_protocol(*v))
    env.push_back("GIT_PROTOCOL=" + std::string(*v));
  if (!call.remote_user.empty()) env.push_back("REMOTE_USER=" + env_safe(call.remote_user));
  if (call.only_refs) {
    std::string refs;  // refs/pr/<num> only: no comma or control character can occur
    for (const auto& ref : *call.only_refs) refs += (refs.empty() ? "" : ",") + ref;
    env.push_back(std::string(kPushOnlyRefsEnv) + "=" + refs);
  }
  return env;
}

GitCgiProcess GitHttpBackend::start(const Request& request, const GitHttpCall& call) const {
  auto input = body_input(request);
  auto err = scratch_file();
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  FileHandle out_read(fds[0]), out_write(fds[1]);
  pid_t pid = spawn_process(
      {{git_, "http-backend"}, environment(request, call), input.fd(), out_write.fd(), err.fd(), git_timeout()});
  out_write.reset();  // the child holds the only writer: EOF when it exits
  GitCgiProcess process(
      pid, std::move(out_read), std::move(err),
      "git http-backend " + call.action + (call.service.empty() ? "" : "?" + call.service) + " " + call.repo_id);
  process.read_headers();
  return process;
}

}  // namespace hfhub::server
