#include "client/download/download_paths.h"

#include <stdexcept>

#include "client/xet/xet_token.h"
#include "common/ascii.h"
#include "common/hash.h"
#include "common/repo_path.h"

namespace hfhub::client {

namespace fs = std::filesystem;

bool is_commit_hash(std::string_view revision) { return revision.size() == 40 && is_lower_hex(revision); }

std::string repo_file_path(const std::optional<std::string>& subfolder, std::string_view filename) {
  std::string path =
      subfolder && !subfolder->empty() ? *subfolder + "/" + std::string(filename) : std::string(filename);
  // Refused before any request: the file would land outside the cache or local_dir.
  if (auto error = local_path_error(path)) throw std::invalid_argument("Invalid file path '" + path + "': " + *error);
  return path;
}

fs::path cache_root(const ClientOptions& options, const std::optional<fs::path>& cache_dir) {
  if (cache_dir && !cache_dir->empty()) return *cache_dir;
  return options.hub_cache.empty() ? default_hub_cache() : options.hub_cache;
}

// "scheme://host[:port]" of a URL ("" when it has none).
static std::string_view origin_of(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  auto host_end = url.find_first_of("/?#", scheme_end + 3);
  return url.substr(0, host_end);
}

HeaderList transfer_headers(const Session& session, std::string_view url) {
  HeaderList headers = session.default_headers();
  if (origin_of(url) != origin_of(session.options().endpoint)) {
    std::erase_if(headers, [](const auto& h) { return ascii_iequals(h.first, "authorization"); });
  }
  return headers;
}

BlobTarget cache_blob_target(const RepoCache& cache, std::string url, HeaderList headers, std::string etag,
                             int64_t size, std::string display_path) {
  BlobTarget t;
  t.url = std::move(url);
  t.headers = std::move(headers);
  t.final_path = cache.blob_path(etag);
  t.sequential_temp = cache.incomplete_path(etag);
  t.chunked_temp = t.final_path;
  t.chunked_temp += ".chunked.incomplete";
  t.chunk_journal = t.final_path;
  t.chunk_journal += ".chunks.incomplete";
  t.etag = std::move(etag);
  t.size = size;
  t.display_path = std::move(display_path);
  return t;
}

void use_xet_if_offered(BlobTarget& target, Session& session, const HfFileMetadata& metadata) {
  if (!metadata.xet_file_data || session.options().disable_xet) return;
  const XetFileData& xet = *metadata.xet_file_data;
  target.xet = XetSource{&session, std::make_shared<XetTokenSource>(session, xet.refresh_route), xet.file_hash};
}

CacheLookup lookup_cached_file(const RepoCache& cache, std::string_view revision, std::string_view path) {
  std::optional<std::string> commit =
      is_commit_hash(revision) ? std::optional<std::string>(std::string(revision)) : cache.read_ref(revision);
  if (!commit) return std::monostate{};
  if (cache.is_marked_missing(*commit, path)) return CachedNoExist{};
  fs::path snapshot = cache.snapshot_path(*commit, path);
  std::error_code ec;
  if (fs::exists(snapshot, ec)) return snapshot;
  return std::monostate{};
}

}  // namespace hfhub::client
