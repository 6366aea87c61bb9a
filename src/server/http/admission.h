#pragma once
// The transport asks the application about each request twice. First on its headers alone,
// before any body byte is read (admit: authentication, rate limits, the route and its body
// limit); then, for an admitted request, with its body (Admission::handle). A request refused on
// its headers never has its body read or spooled, and only an admitted one gets `100 Continue`.
#include <cstdint>
#include <functional>
#include <optional>

#include "server/http/request.h"
#include "server/http/response.h"

namespace hfhub::server {

// Which worker pool runs a request's handler (http/worker_pool.h). Interactive: reads a person or
// a client waits on (GET, HEAD, paths-info). Bulk: work that writes or streams a whole repo
// (commits, uploads, pushes, clones, deletes), on fewer threads at a lower CPU priority.
enum class Lane { Interactive, Bulk };

struct Admission {
  // Set when the headers alone decide the answer (an error, a CORS preflight): the body is not read.
  std::optional<Response> answer;
  // Otherwise: the largest body the matched route takes, and what runs once the body is in.
  int64_t body_limit = 0;
  Lane lane = Lane::Interactive;
  std::function<Response(Request&)> handle;

  static Admission answered(Response response) {
    Admission a;
    a.answer = std::move(response);
    return a;
  }
};

// Must not throw: turns every failure into an answer. Runs on an interactive worker; `handle` runs
// on the worker pool of its lane.
using AdmitFunction = std::function<Admission(Request&)>;

}  // namespace hfhub::server
