#include "server/app/failure_response.h"

#include <cstdio>

#include "server/model/domain_error.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

// /{old}/... → /{new}/... for a renamed repo, keeping the query. Relative, as clients expect.
std::string moved_location(const Request& req, const RepoMoved& m) {
  std::string path = req.path;
  auto pos = path.find("/" + m.from());
  if (pos != std::string::npos) path.replace(pos + 1, m.from().size(), m.to());
  return req.query_string.empty() ? path : path + "?" + req.query_string;
}

}  // namespace

Response failure_response(const Request& request) noexcept {
  try {
    throw;
  } catch (const DomainError& e) {
    return error_response(e);
  } catch (const RepoMoved& m) {
    auto res = Response::json("{}", 307);
    res.set("Location", moved_location(request, m));
    return res;
  } catch (const StoreError& e) {
    std::fprintf(stderr, "store error (request %s): %s\n", request.request_id.c_str(), e.what());
    return error_response(DomainError(ErrorKind::StoreUnavailable));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "internal error (request %s): %s\n", request.request_id.c_str(), e.what());
  } catch (...) {
    std::fprintf(stderr, "internal error (request %s): unknown exception\n", request.request_id.c_str());
  }
  // The details (libgit2 text, server paths) go to the log only; the request id links the two.
  return error_response(DomainError(
      ErrorKind::Internal, "Internal error; the server log has the details under request id " + request.request_id));
}

}  // namespace hfhub::server
