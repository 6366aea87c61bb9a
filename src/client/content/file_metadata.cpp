#include "client/content/file_metadata.h"

#include <charconv>

#include "client/api/repo_info.h"
#include "client/content/content_urls.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace {

// Redirect chains longer than this are a loop, not a rename.
constexpr int kMaxRelativeRedirects = 10;

bool is_absolute_location(std::string_view location) {
  if (location.starts_with("//")) return true;
  auto scheme_end = location.find("://");
  return scheme_end != std::string_view::npos && location.find_first_of("/?#") > scheme_end;
}

// "scheme://host[:port]" of an absolute URL.
std::string_view origin_of(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  return url.substr(0, url.find_first_of("/?#", scheme_end + 3));
}

std::string normalize_etag(std::string etag) {
  if (etag.starts_with("W/")) etag.erase(0, 2);
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.substr(1, etag.size() - 2);
  return etag;
}

std::optional<int64_t> parse_size(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 0) return std::nullopt;
  return value;
}

// The target of the `rel` entry of a Link header (`<url>; rel="name", <url>; rel="other"`).
std::optional<std::string> link_target(std::string_view header, std::string_view rel) {
  std::string wanted = "rel=\"" + std::string(rel) + "\"";
  for (size_t open = header.find('<'); open != std::string_view::npos; open = header.find('<', open + 1)) {
    size_t close = header.find('>', open);
    if (close == std::string_view::npos) return std::nullopt;
    size_t next = header.find('<', close);
    std::string_view params = header.substr(close + 1, next == std::string_view::npos ? next : next - close - 1);
    if (params.find(wanted) != std::string_view::npos) return std::string(header.substr(open + 1, close - open - 1));
    open = close;
  }
  return std::nullopt;
}

// As Python's parse_xet_file_data_from_response: the hash and a refresh route, or nothing.
std::optional<XetFileData> xet_file_data(const HttpResponse& response) {
  auto hash = response.header("X-Xet-Hash");
  if (!hash || hash->empty()) return std::nullopt;
  XetFileData data;
  data.file_hash = *hash;
  auto link = response.header("Link").value_or("");
  auto refresh = link_target(link, "xet-auth");
  if (!refresh) refresh = response.header("X-Xet-Refresh-Route");
  if (!refresh || refresh->empty()) return std::nullopt;
  data.refresh_route = *refresh;
  data.reconstruction_url = link_target(link, "xet-reconstruction-info").value_or("");
  return data;
}

}  // namespace

std::optional<std::string> follow_relative_location(std::string_view url, std::string_view location) {
  if (is_absolute_location(location)) return std::nullopt;
  std::string_view path = location.substr(0, location.find_first_of("?#"));
  std::string_view origin = origin_of(url);
  std::string_view rest = url.substr(origin.size());
  std::string_view query = rest.substr(std::min(rest.find_first_of("?#"), rest.size()));
  return std::string(origin) + std::string(path) + std::string(query);
}

HfFileMetadata file_metadata_from_response(const HttpResponse& response, std::string_view request_url) {
  HfFileMetadata m;
  m.commit_hash = response.header("X-Repo-Commit");
  auto etag = response.header("X-Linked-Etag");
  if (!etag) etag = response.header("ETag");
  if (etag) m.etag = normalize_etag(*etag);
  m.location = response.header("Location").value_or(std::string(request_url));
  bool redirect = response.status >= 300 && response.status < 400;
  m.size = parse_size(response.header("X-Linked-Size"));
  if (!m.size && !redirect) m.size = parse_size(response.header("Content-Length"));
  m.xet_file_data = xet_file_data(response);
  return m;
}

HfFileMetadata get_file_metadata(Session& session, std::string_view url, std::chrono::milliseconds timeout) {
  std::string current(url);
  for (int hop = 0;; ++hop) {
    HttpRequest request{"HEAD", current, {}, {}};
    request.header("Accept-Encoding", "identity");
    request.follow_redirects = false;
    request.timeout = timeout;
    HttpResponse response = session.send(std::move(request));
    bool redirect = response.status >= 300 && response.status < 400;
    auto location = response.header("Location");
    if (redirect && location && hop < kMaxRelativeRedirects)
      if (auto next = follow_relative_location(current, *location)) {
        current = std::move(*next);
        continue;
      }
    return file_metadata_from_response(response, current);
  }
}

bool file_exists(Session& session, std::string_view repo_id, std::string_view filename, const RepoCall& call) {
  try {
    get_file_metadata(session, resolve_url(session, repo_id, filename, call));
    return true;
  } catch (const GatedRepoError&) {
    throw;
  } catch (const RepositoryNotFoundError&) {
    return false;
  } catch (const RevisionNotFoundError&) {
    return false;
  } catch (const EntryNotFoundError&) {
    return false;
  }
}

bool revision_exists(Session& session, std::string_view repo_id, std::string_view revision, const RepoCall& call) {
  RepoInfoParams params;
  params.revision = std::string(revision);
  try {
    fetch_repo_info(session, call.repo_type, repo_id, params);
    return true;
  } catch (const RevisionNotFoundError&) {
    return false;
  } catch (const RepositoryNotFoundError&) {
    return false;
  }
}

}  // namespace hfhub::client
