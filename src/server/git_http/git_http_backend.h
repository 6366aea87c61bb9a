#pragma once
// git smart HTTP through git's own CGI program, `git http-backend`, one process per request:
// the request body is its stdin (a file descriptor, never a buffer), its CGI headers become the
// response's, and the rest of its stdout is streamed to the client as it comes. Clone, fetch
// (protocol v0 and v2, gzipped requests) and push then behave exactly as git defines them.
//
// The environment is built from scratch: no variable of the server leaks into git, and git reads
// no system or user configuration. Per invocation it gets core.hooksPath (the push checks, see
// push_hooks.h), durable writes (core.fsync) and no automatic gc running on after the request.
#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/git_http/child_process.h"
#include "server/http/request.h"
#include "server/http/response.h"

namespace hfhub::server {

struct GitHttpCall {
  std::string repo_id;      // the repository's `_id` (its directory is <repos>/<_id>.git)
  std::string action;       // "info/refs", "git-upload-pack" or "git-receive-pack"
  std::string service;      // for info/refs: "git-upload-pack" or "git-receive-pack"
  std::string remote_user;  // pushes only: the pusher (http-backend enables receive-pack for it)
  // Pushes only: the refs the pusher may move, when not all (the pre-receive hook enforces it).
  std::optional<std::vector<std::string>> only_refs;
};

// A running `git http-backend` whose CGI headers have been read; its body is still in the pipe.
// Exactly one of stream() or collect() hands the output on; otherwise the child is killed.
class GitCgiProcess {
 public:
  GitCgiProcess(pid_t pid, FileHandle out, FileHandle err, std::string label)
      : pid_(pid), out_(std::move(out)), err_(std::move(err)), label_(std::move(label)) {}
  ~GitCgiProcess();
  GitCgiProcess(GitCgiProcess&& o) noexcept
      : status_(o.status_),
        headers_(std::move(o.headers_)),
        pid_(std::exchange(o.pid_, -1)),
        out_(std::move(o.out_)),
        err_(std::move(o.err_)),
        label_(std::move(o.label_)) {}
  GitCgiProcess& operator=(GitCgiProcess&&) = delete;

  // Reads the CGI header block ("Status:", "Content-Type:", ... then a blank line). Throws
  // DomainError 500 when git ends before it.
  void read_headers();
  // The rest is sent by the transport, chunked, as git writes it; the child is reaped at the end.
  Response stream();
  // Reads the rest and reaps the child (receive-pack: a short report the server acts upon).
  Response collect();

 private:
  int status_ = 200;
  std::vector<std::pair<std::string, std::string>> headers_;
  pid_t pid_;
  FileHandle out_;
  FileHandle err_;
  std::string label_;
};

class GitHttpBackend {
 public:
  // `repos_root` is GIT_PROJECT_ROOT; push hooks are written under <data>/hooks, calling back
  // `hfhubd_path`.
  GitHttpBackend(std::string repos_root, std::string data_dir, std::string hfhubd_path);

  // Starts http-backend for one request and reads its headers.
  GitCgiProcess start(const Request& request, const GitHttpCall& call) const;

 private:
  std::vector<std::string> environment(const Request& request, const GitHttpCall& call) const;
  std::string repos_root_;
  std::string data_dir_;
  std::string git_;
  std::string hooks_dir_;
};

}  // namespace hfhub::server
