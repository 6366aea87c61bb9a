#include "client/upload/lfs_upload.h"

#include <map>
#include <optional>

#include "client/upload/lfs_batch.h"
#include "client/upload/lfs_transfer.h"
#include "client/upload/xet_upload.h"

namespace hfhub::client {

bool needs_lfs_upload(const PreparedAdd& add) {
  return add.mode == UploadMode::Lfs && !add.should_ignore && !add.unchanged();
}

void upload_lfs_contents(const UploadTarget& target, const std::vector<PreparedAdd*>& adds,
                         const std::function<void(PreparedAdd&)>& on_uploaded, int max_connections) {
  // Same content under several paths: one object, every path notified.
  std::map<std::string, std::vector<PreparedAdd*>> by_oid;
  std::vector<LfsObjectSpec> specs;
  int64_t total = 0;
  for (PreparedAdd* add : adds) {
    if (!needs_lfs_upload(*add)) continue;
    auto& group = by_oid[add->info.sha256];
    if (group.empty()) {
      specs.push_back({add->info.sha256, add->info.size});
      total += add->info.size;
    }
    group.push_back(add);
  }
  if (specs.empty()) return;
  report(target, {TransferEvent::Kind::Planned, "", 0, total, static_cast<int64_t>(specs.size())});

  auto notify = [&on_uploaded](const std::vector<PreparedAdd*>& group) {
    if (on_uploaded)
      for (PreparedAdd* add : group) on_uploaded(*add);
  };
  std::vector<LfsUploadJob> jobs;
  std::vector<XetUploadJob> xet_jobs;
  std::optional<LfsAction> xet_offer;
  for (auto& object : post_lfs_batch(target, specs)) {
    const auto& group = by_oid[object.oid];
    PreparedAdd* first = group.front();
    if (!object.upload) {
      report(target, {TransferEvent::Kind::Done, first->path_in_repo, object.size, object.size, 0, true, true});
      notify(group);
      continue;
    }
    if (object.xet) {
      // The xet transfer (docs/xet.md#negotiation): every action names the same token route.
      if (!xet_offer) xet_offer = object.upload;
      XetUploadSource source{first->path_in_repo, first->local_path, {}, object.oid};
      if (!first->local_path) source.bytes = first->content;
      xet_jobs.push_back({std::move(source), object.size, [notify, group] { notify(group); }});
      continue;
    }
    LfsUploadJob job;
    job.path_in_repo = first->path_in_repo;
    job.file = first->local_path;
    if (!first->local_path) job.bytes = first->content;
    job.object = std::move(object);
    job.on_uploaded = [notify, group] { notify(group); };
    jobs.push_back(std::move(job));
  }
  if (xet_offer) run_xet_upload(target, *xet_offer, std::move(xet_jobs));
  run_lfs_transfers(target, std::move(jobs), max_connections);
  report(target, {TransferEvent::Kind::Finished, "", total, total});
}

}  // namespace hfhub::client
