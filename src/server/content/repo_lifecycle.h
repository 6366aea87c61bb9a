#pragma once
// A repo's life from one place: creating it gives it its catalog row, its git storage (the
// initial commit) and any first files; deleting it removes all three.
#include <optional>
#include <string_view>

#include "server/content/content_service.h"
#include "server/services/hub_event_sink.h"
#include "server/services/repo_service.h"
#include "server/xet/xet_files.h"

namespace hfhub::server {

class RepoLifecycle {
 public:
  RepoLifecycle(RepoService& repos, ContentService& content, HubEventSink& events, XetFiles* xet = nullptr)
      : repos_(repos), content_(content), events_(events), xet_(xet) {}

  // The new repo; `initial_files` (JS createRepo's files and license) land in one commit after
  // the initial one. Throws as RepoService::create.
  RepoRecord create(const Caller& caller, CreateRepoRequest request, std::string_view public_url,
                    std::optional<CommitRequest> initial_files);
  // Removes the catalog row, then the git storage, LFS objects and Xet file links (the Xet bytes
  // go with `hfhubd admin xet-gc` once no repo links them).
  void remove(const Caller& caller, RepoType type, const std::optional<std::string>& ns, std::string_view name);
  // POST /api/{t}s/{id}/duplicate (docs/spaces.md#duplicate): a new repo named by `request` (its
  // visibility defaults to the source's) with the content of a repo the caller may read.
  // Returns {source, copy}.
  std::pair<RepoRecord, RepoRecord> duplicate(const Caller& caller, RepoType type, std::string_view from,
                                              CreateRepoRequest request, std::string_view public_url);

 private:
  RepoService& repos_;
  ContentService& content_;
  HubEventSink& events_;
  XetFiles* xet_;
};

}  // namespace hfhub::server
