#include "client/upload/deferred_hash_upload.h"

#include <map>
#include <optional>

#include "client/upload/xet_upload.h"
#include "client/xet/xet_token.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace {

// The first write token, or nullopt from a server without Xet (no such route).
std::optional<XetConnection> fetch_write_token(const UploadTarget& target, const std::string& url) {
  try {
    return parse_xet_token(target.session->get(url).body, url);
  } catch (const HfHubHttpError& e) {
    if (e.status() == 404 || e.status() == 405 || e.status() == 501) return std::nullopt;
    throw;
  }
}

}  // namespace

void hash_deferred_add(PreparedAdd& add) { add.info = hash_local_file(*add.local_path); }

std::vector<PreparedAdd*> upload_unhashed_through_xet(const UploadTarget& target,
                                                      const std::vector<PreparedAdd*>& adds,
                                                      const UploadedGroup& on_uploaded) {
  if (adds.empty()) return {};
  // The same route and query as Python's, and as the batch's xet action (docs/xet.md#negotiation).
  const std::string url = target.revision_api_url("xet-write-token");
  std::optional<XetConnection> first;
  if (!target.options().disable_xet) first = fetch_write_token(target, url);
  if (!first) {
    for (PreparedAdd* add : adds) hash_deferred_add(*add);
    return adds;
  }
  // One local file under several paths: read once, every path notified.
  std::map<std::filesystem::path, std::vector<PreparedAdd*>> by_file;
  std::vector<PreparedAdd*> order;
  for (PreparedAdd* add : adds) {
    auto& group = by_file[*add->local_path];
    if (group.empty()) order.push_back(add);
    group.push_back(add);
  }
  std::vector<XetUploadJob> jobs;
  for (PreparedAdd* lead : order) {
    XetUploadSource source{lead->path_in_repo, lead->local_path, {}, {}};
    auto group = by_file[*lead->local_path];
    jobs.push_back({std::move(source), lead->info.size, [group, on_uploaded](const std::string& sha256) {
                      for (PreparedAdd* add : group) add->info.sha256 = sha256;
                      if (on_uploaded) on_uploaded(group);
                    }});
  }
  run_xet_upload(target, url, *first, std::move(jobs));
  return {};
}

}  // namespace hfhub::client
