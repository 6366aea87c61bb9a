#include "server/admin/demo_content.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/atomic_write.h"
#include "common/hash.h"
#include "server/admin/demo_files.h"

namespace hfhub::server {

namespace {

using demo::DemoFile;
using demo::DemoRepoContent;

// The top `n` public repos by trending score (the Hub's default order), and the first listing
// page by likes and by downloads, so each of those listings opens on repos with files.
std::vector<RepoRecord> popular_repos(RepoStore& repos, RepoType type, int64_t n) {
  std::vector<RepoRecord> out;
  if (n <= 0) return out;
  std::set<std::string> seen;
  for (auto [sort, limit] :
       {std::pair{RepoSort::TrendingScore, n}, std::pair{RepoSort::Likes, std::min<int64_t>(n, 30)},
        std::pair{RepoSort::Downloads, std::min<int64_t>(n, 30)}}) {
    RepoQuery q;
    q.type = type;
    q.sort = sort;
    q.limit = size_t(limit);
    for (RepoRecord& r : repos.list_repos(q))
      if (seen.insert(r.object_id).second) out.push_back(std::move(r));
  }
  return out;
}

// Commits are signed by the repo's namespace, as if its owner had uploaded them.
Caller author_of(AccountStore& accounts, const RepoRecord& repo) {
  auto account = accounts.find_account(repo.author);
  if (!account) return std::nullopt;
  Identity identity;
  identity.user = std::move(*account);
  return identity;
}

// Stores a repo's LFS objects before the commit that points at them (as an LFS upload would),
// sharing the bytes of an object another demo repo already holds.
class DemoBlobs {
 public:
  explicit DemoBlobs(BlobStore& blobs) : blobs_(blobs) {}

  FileWrite write_of(const RepoRecord& repo, DemoFile& file) {
    if (!file.lfs) return {file.path, std::move(file.bytes), std::nullopt};
    std::string oid = sha256_hex(file.bytes);
    int64_t size = int64_t(file.bytes.size());
    std::lock_guard lock(mutex_);  // one writer per object (its spool name), one map
    auto holder = holders_.find(oid);
    if (holder == holders_.end() || !blobs_.link_object(holder->second, repo.object_id, oid)) {
      std::string spool = blobs_.spool_dir() + "/demo-" + oid;
      write_file_atomic(spool, file.bytes);
      blobs_.put_file(spool, repo.object_id, oid);
      holders_[oid] = repo.object_id;
    }
    return {file.path, "", LfsPointer{oid, size}};
  }

 private:
  BlobStore& blobs_;
  std::mutex mutex_;
  std::map<std::string, std::string> holders_;  // sha256 → a repo that holds the object
};

struct RepoTimes {
  int64_t created, uploaded, updated;
};

// The history spans the row's dates, so lastModified (the head commit's time) keeps its value.
RepoTimes times_of(const RepoRecord& repo) {
  int64_t created = repo.created_at_ms, updated = std::max(repo.last_modified_ms, created);
  return {created, created + (updated - created) / 2, updated};
}

int64_t seed_repo(ContentService& content, DemoBlobs& blobs, const Caller& caller, RepoRecord& repo, size_t index) {
  DemoRepoContent files = demo::demo_repo_content(repo);
  RepoTimes t = times_of(repo);
  content.initialize(repo, caller, t.created);

  CommitRequest upload;
  upload.summary = files.upload_summary;
  upload.time_ms = t.uploaded;
  for (DemoFile& f : files.upload) upload.writes.push_back(blobs.write_of(repo, f));
  content.commit(caller, repo, "main", std::move(upload));

  CommitRequest card;
  card.summary = "Update README.md";
  card.time_ms = t.updated;
  card.writes.push_back({"README.md", std::move(files.readme), std::nullopt});
  content.commit(caller, repo, "main", std::move(card));
  int64_t commits = 3;

  if (index % 3 == 0) content.create_tag(caller, repo, "main", "v1.0", "");
  if (index % 4 == 0) {
    content.create_branch(caller, repo, "dev", std::nullopt, false, true, false);
    CommitRequest change;
    change.summary = files.branch_summary;
    change.time_ms = t.updated;
    change.writes.push_back(blobs.write_of(repo, files.branch_change));
    content.commit(caller, repo, "dev", std::move(change));
    ++commits;
  }
  return commits;
}

}  // namespace

DemoContentReport seed_demo_content(RepoStore& repos, AccountStore& accounts, ContentService& content, BlobStore& blobs,
                                    const DemoContentOptions& options) {
  auto start = std::chrono::steady_clock::now();
  DemoContentReport report;
  DemoBlobs shared(blobs);
  std::vector<std::pair<RepoRecord, size_t>> work;  // a repo and its rank in its type
  for (auto [type, n] : {std::pair{RepoType::Model, options.models}, std::pair{RepoType::Dataset, options.datasets},
                         std::pair{RepoType::Space, options.spaces}}) {
    std::vector<RepoRecord> chosen = popular_repos(repos, type, n);
    for (size_t i = 0; i < chosen.size(); ++i)
      if (content.has_git_storage(chosen[i]))
        ++report.existing;
      else
        work.emplace_back(std::move(chosen[i]), i);
  }
  {
    auto durable_at_end = content.defer_sync();
    // Two workers: a repo's writes wait on the disk as much as on the CPU. ContentService takes
    // each repo's write lock as for concurrent API commits.
    std::atomic<size_t> next{0};
    std::atomic<int64_t> commits{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto worker = [&] {
      for (size_t k; (k = next++) < work.size();) {
        try {
          auto& [repo, rank] = work[k];
          commits += seed_repo(content, shared, author_of(accounts, repo), repo, rank);
        } catch (...) {
          std::lock_guard lock(failure_mutex);
          if (!failure) failure = std::current_exception();
          next = work.size();
        }
      }
    };
    std::thread helper(worker);
    worker();
    helper.join();
    if (failure) std::rethrow_exception(failure);
    report.commits = commits;
    report.seeded = int64_t(work.size());
  }  // the flush: the time below includes it
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace hfhub::server
