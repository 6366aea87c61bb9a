// Raw bytes from a client → Beast's request parser, in the two phases the server reads a request
// (the header with an empty body, then the body into a string, see http/http_server.cpp) → the
// Request handlers see → its query parameters → the router. Whatever arrives, nothing may crash:
// bad input ends as a Beast error or an DomainError (4xx).
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "common/ascii.h"
#include "common/repo_id.h"
#include "server/http/error_table.h"
#include "server/http/request.h"
#include "server/http/request_framing.h"
#include "server/http/request_from_header.h"
#include "server/http/router.h"
#include "server/services/repo_id_rules.h"

namespace http = boost::beast::http;
using namespace hfhub;
using namespace hfhub::server;

namespace {

// The patterns of routes/*.cpp in the order application.cpp registers them. The router is what is
// fuzzed here (the handlers need a whole server), so a copy of the table is enough; it covers
// every segment kind and the orderings that matter (prefixed forms before the widest patterns).
Router make_router() {
  static const char* const routes[][2] = {
      {"GET", "/api/whoami-v2"},
      {"GET", "/api/{type}/{repo:repo}/auth-check/write"},
      {"GET", "/api/{type}/{repo:repo}/auth-check"},
      {"GET", "/api/models-tags-by-type"},
      {"GET", "/api/datasets-tags-by-type"},
      {"GET", "/api/metrics"},
      {"POST", "/api/repos/create"},
      {"DELETE", "/api/repos/delete"},
      {"POST", "/api/repos/move"},
      {"PUT", "/api/repos/{type}/{repo:repo}/settings"},
      {"PUT", "/api/{type}/{repo:repo}/settings"},
      {"GET", "/api/{type}/{repo:repo}/tree/{rest*}"},
      {"POST", "/api/{type}/{repo:repo}/paths-info/{rev*}"},
      {"GET", "/api/{type}/{repo:repo}/refs"},
      {"GET", "/api/{type}/{repo:repo}/commits/{rev*}"},
      {"GET", "/api/datasets/{repo:repo}/parquet"},
      {"GET", "/api/datasets/{repo:repo}/parquet/{config}"},
      {"GET", "/api/datasets/{repo:repo}/parquet/{config}/{split}"},
      {"POST", "/api/{type}/{repo:repo}/commit/{rev*}"},
      {"POST", "/api/{type}/{repo:repo}/preupload/{rev*}"},
      {"POST", "/api/{type}/{repo:repo}/branch/{branch*}"},
      {"DELETE", "/api/{type}/{repo:repo}/branch/{branch*}"},
      {"POST", "/api/{type}/{repo:repo}/tag/{rev*}"},
      {"DELETE", "/api/{type}/{repo:repo}/tag/{tag*}"},
      {"POST", "/api/{type}/{repo:repo}/super-squash/{branch*}"},
      {"POST", "/api/validate-yaml"},
      {"GET", "/api/{type}/{repo:repo}/xet-write-token/{rev*}"},
      {"GET", "/api/{type}/{repo:repo}/xet-read-token/{rev*}"},
      {"PUT", "/api/lfs-storage/{repo}/{oid}"},
      {"PUT", "/api/lfs-storage/{repo}/{oid}/{part}"},
      {"POST", "/api/lfs-storage/{repo}/{oid}"},
      {"GET", "/api/lfs-storage/{repo}/{oid}"},
      {"GET", "/api/{type}/{repo:repo}/lfs-files"},
      {"POST", "/api/{type}/{repo:repo}/lfs-files/batch"},
      {"POST", "/datasets/{repo:repo}/info/lfs/objects/batch"},
      {"POST", "/datasets/{repo:repo}/info/lfs/verify"},
      {"POST", "/spaces/{repo:repo}/info/lfs/objects/batch"},
      {"POST", "/spaces/{repo:repo}/info/lfs/verify"},
      {"POST", "/{repo:repo}/info/lfs/objects/batch"},
      {"POST", "/{repo:repo}/info/lfs/verify"},
      {"GET", "/api/{type}"},
      {"GET", "/api/{type}/{repo:repo}/revision/{rev*}"},
      {"GET", "/api/{type}/{repo:repo}"},
      {"GET", "/datasets/{repo:repo}/resolve/{rest*}"},
      {"GET", "/spaces/{repo:repo}/resolve/{rest*}"},
      {"GET", "/datasets/{repo:repo}/raw/{rest*}"},
      {"GET", "/spaces/{repo:repo}/raw/{rest*}"},
      {"GET", "/{repo:repo}/resolve/{rest*}"},
      {"GET", "/{repo:repo}/raw/{rest*}"},
      {"GET", "/datasets/{repo:repo}/info/refs"},
      {"POST", "/datasets/{repo:repo}/git-upload-pack"},
      {"POST", "/datasets/{repo:repo}/git-receive-pack"},
      {"GET", "/spaces/{repo:repo}/info/refs"},
      {"POST", "/spaces/{repo:repo}/git-upload-pack"},
      {"POST", "/spaces/{repo:repo}/git-receive-pack"},
      {"GET", "/{repo:repo}/info/refs"},
      {"POST", "/{repo:repo}/git-upload-pack"},
      {"POST", "/{repo:repo}/git-receive-pack"},
  };
  Router router;
  for (auto& [method, pattern] : routes) router.add(method, pattern);
  return router;
}

// Feeds `bytes` to the parser `step` bytes at a time, as a socket delivers them; returns false on a
// parse error or when the bytes end first. Beast wants the unconsumed rest again after need_more.
template <class Parser>
bool feed(Parser& parser, std::string_view& bytes, size_t step, bool until_header) {
  auto done = [&] { return until_header ? parser.is_header_done() : parser.is_done(); };
  std::string pending;
  while (!done()) {
    boost::beast::error_code ec;
    size_t used = pending.empty() ? 0 : parser.put(boost::asio::buffer(pending), ec);
    if (ec && ec != http::error::need_more) return false;
    pending.erase(0, used);
    if (used > 0 && !ec) continue;
    if (bytes.empty()) return false;  // the client has not sent the rest (yet)
    size_t n = std::min(step, bytes.size());
    pending.append(bytes.substr(0, n));
    bytes.remove_prefix(n);
  }
  // What the parser did not take belongs to the next request on the connection.
  bytes = std::string_view(bytes.data() - pending.size(), bytes.size() + pending.size());
  return true;
}

void use_query(const QueryParams& query) {
  for (const char* name : {"search", "author", "filter", "sort", "limit", "cursor", "expand", "full"}) {
    (void)query.get(name);
    (void)query.all(name);
    try {
      (void)query.boolean(name);
    } catch (const DomainError& e) {
      if (error_status(e) != 400) std::abort();
    }
  }
}

void route(const Router& router, Request& request) {
  auto query = QueryParams::parse(request.query_string);
  if (!query) return;  // the server answers 400 here
  request.query = std::move(*query);
  use_query(request.query);
  try {
    auto match = router.match(request);
    if (match.params.has("repo")) {
      const auto& repo = match.params["repo"];
      try {
        require_valid_repo_id(repo);
        if (!RepoId::parse(repo)) std::abort();  // the rule and the parser must agree
      } catch (const DomainError& e) {
        if (error_status(e) != 400) std::abort();
      }
    }
    (void)parse_repo_type(match.params["type"]);
  } catch (const DomainError& e) {
    if (error_status(e) < 400 || error_status(e) > 499) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Router router = make_router();
  if (size < 1) return 0;
  // The first byte picks how the bytes are split into reads.
  size_t step = size_t(data[0] % 64) + 1;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);

  // Several requests may share a connection (keep-alive, pipelining).
  for (int n = 0; n < 4 && !bytes.empty(); ++n) {
    http::request_parser<http::empty_body> header;
    header.header_limit(64 * 1024);
    header.body_limit(boost::none);
    if (!feed(header, bytes, step, true)) return 0;
    // The server refuses (400, connection closed) a framing two parsers could read differently.
    HeaderFields fields;
    for (auto& field : header.get()) fields.emplace_back(field.name_string(), field.value());
    if (framing_problem(fields, header.get().version())) return 0;
    // As Session::on_admitted does: a declared length over the limit is answered 413 before a
    // body parser exists (Beast's string body reserves the declared length up front).
    constexpr uint64_t kBodyLimit = 1 << 20;
    if (auto length = header.content_length(); length && *length > kBodyLimit) return 0;
    http::request_parser<http::string_body> body(std::move(header));
    body.body_limit(kBodyLimit);
    if (!feed(body, bytes, step, false)) return 0;
    Request request = request_from_header(body.get().base());
    request.body = std::move(body.get().body());
    route(router, request);
    if (!body.get().keep_alive()) return 0;
  }
  return 0;
}
