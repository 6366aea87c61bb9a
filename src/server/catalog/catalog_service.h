#pragma once
// Read side of the catalog: listings (`GET /api/models` ...) and repo info.
#include <optional>
#include <string>
#include <string_view>

#include "server/catalog/catalog_query.h"
#include "server/services/response_cache.h"
#include "server/git/git_store.h"
#include "server/model/domain_error.h"
#include "server/model/repo.h"
#include "server/services/identity.h"
#include "server/services/repo_finder.h"
#include "server/stores/blob_store.h"
#include "server/stores/repo_store.h"

namespace hfhub::server {

struct ListPage {
  std::string body;                        // the JSON array
  std::optional<std::string> next_cursor;  // set when more rows follow
};

class CatalogService {
 public:
  // `git` serves repo info at revisions other than the default branch (nullptr: only the
  // default branch has info); with `blobs` too, the file-derived fields (cardData, tags, ...)
  // come from that revision's files. cache_bytes == 0 turns the response cache off.
  explicit CatalogService(RepoStore& repos, GitStore* git = nullptr, size_t cache_bytes = 64 << 20,
                          BlobStore* blobs = nullptr)
      : repos_(repos),
        finder_(repos),
        git_(git),
        blobs_(blobs),
        cache_(cache_bytes, std::chrono::seconds(2)),
        cache_enabled_(cache_bytes > 0) {}

  // Throws DomainError 400 on a malformed limit or cursor; other unknown values are ignored.
  ListPage list(RepoType type, const CatalogQuery& params, const Caller& caller);

  // See RepoFinder::find_visible.
  RepoRecord find_visible(RepoType type, std::string_view id, const Caller& caller) {
    return finder_.find_visible(type, id, caller);
  }
  // Repo info JSON at a revision (nullopt: the default branch).
  std::string info(RepoType type, std::string_view id, std::optional<std::string_view> revision,
                   const CatalogQuery& params, const Caller& caller);

 private:
  ListPage list_uncached(RepoType type, const CatalogQuery& params, const Caller& caller);
  std::string info_uncached(RepoType type, std::string_view id, std::optional<std::string_view> revision,
                            const CatalogQuery& params, const Caller& caller);

  RepoStore& repos_;
  RepoFinder finder_;
  GitStore* git_;
  BlobStore* blobs_;
  ResponseCache cache_;
  bool cache_enabled_;
};

}  // namespace hfhub::server
