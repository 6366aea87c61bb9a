// RepoReadService's reads for the web pages: a commit's diff, a pull request's diff, the history
// of one path, and the rendered card. Each opens the repo through open(), so private and gated
// repos answer exactly as the API's content reads do.
#include <algorithm>

#include "common/repo_path.h"
#include "server/content/repo_read_service.h"
#include "server/metadata/repo_at_revision.h"
#include "server/model/domain_error.h"

namespace hfhub::server {

namespace {

constexpr size_t kMaxHistoryPage = 100;
constexpr std::string_view kReadme = "README.md";

// README.md's text at `entry` (a Git LFS one too, from the blob store), read up to what a card
// renders; `cut` when the file is longer than what was read.
std::string read_readme(GitRepo& git, BlobStore& blobs, const RepoRecord& repo, const GitEntry& entry, bool& cut) {
  // Room for a long front matter before the body's kMaxCardBytes.
  constexpr size_t kReadBytes = kMaxCardBytes + (size_t(64) << 10);
  std::string text = entry.lfs ? blobs.read_prefix(repo.object_id, entry.lfs->oid, kReadBytes).value_or(std::string())
                               : git.read_blob(entry.oid, kReadBytes);
  cut = static_cast<size_t>(entry.content_size()) > text.size();
  return text;
}

// A cached card keeps its truncated flag as the body's first byte ('1' or '0').
CardHtml from_cache(const CachedResponse& cached) {
  return {cached.body.substr(1), cached.body.starts_with('1')};
}
std::shared_ptr<const CachedResponse> to_cache(const CardHtml& card) {
  auto out = std::make_shared<CachedResponse>();
  out->body = (card.truncated ? "1" : "0") + card.html;
  return out;
}

}  // namespace

CommitDiffView RepoReadService::commit_diff(const Caller& caller, RepoType type, std::string_view id,
                                            std::string_view revision, const DiffLimits& limits) {
  RepoRecord repo = open(caller, type, id);
  std::string commit = resolve(repo, revision);
  GitRepo* git = reader(repo);
  if (!git) throw revision_not_found(revision);  // a catalog-only row: no commit to show
  CommitDiffView out;
  GitCommitInfo info = git->commit_info(commit);
  if (!info.parents.empty()) out.parent = info.parents.front();
  out.diff = git->diff_files(out.parent, commit, limits);
  std::vector<GitCommitInfo> one;
  one.push_back(std::move(info));
  out.commit = std::move(with_avatars(std::move(one)).front());
  return out;
}

CompareView RepoReadService::compare(const Caller& caller, RepoType type, std::string_view id, std::string_view base,
                                     std::string_view head, const DiffLimits& limits) {
  RepoRecord repo = open(caller, type, id);
  CompareView out;
  out.base = resolve(repo, base);
  out.head = resolve(repo, head);
  GitRepo* git = reader(repo);
  if (!git) throw revision_not_found(head);
  out.from = git->merge_base(out.base, out.head).value_or(out.base);
  out.diff = git->diff_files(out.from, out.head, limits);
  return out;
}

PathHistoryPage RepoReadService::path_history(const Caller& caller, RepoType type, std::string_view id,
                                              std::string_view revision, const std::string& path, size_t offset,
                                              size_t limit) {
  RepoRecord repo = open(caller, type, id);
  std::string commit = resolve(repo, revision);
  if (auto err = repo_path_error(path)) throw DomainError(ErrorKind::InvalidPath, "Invalid path: " + *err);
  PathHistoryPage out;
  GitRepo* git = reader(repo);
  if (!git) return out;
  auto log = git->path_log(commit, path, offset, std::clamp<size_t>(limit, 1, kMaxHistoryPage),
                           limits_.last_commit_depth);
  out.commits = with_avatars(std::move(log.commits));
  out.more = log.more;
  out.complete = log.complete;
  return out;
}

RepoCardView RepoReadService::card(const Caller& caller, RepoType type, std::string_view id,
                                   std::string_view revision) {
  RepoCardView out;
  out.repo = open(caller, type, id);
  out.commit = resolve(out.repo, revision);
  CardUrlBase base{repo_url_path(type, out.repo.id), std::string(revision)};
  if (GitRepo* git = reader(out.repo)) {
    // The row describes the default branch's head; another commit's card fields come from its files.
    if (out.commit != out.repo.sha) move_to_revision(out.repo, git_, out.commit, &blobs_);
    auto entry = content_.entry(out.repo, out.commit, kReadme);
    if (entry && !entry->is_dir) {
      out.has_readme = true;
      out.card = rendered_card(out.repo, *git, *entry, base);
    }
  }
  out.display = card_display(out.repo, base);
  return out;
}

CardHtml RepoReadService::rendered_card(const RepoRecord& repo, GitRepo& git, const GitEntry& readme,
                                       const CardUrlBase& base) {
  std::string key = repo.object_id + '\n' + readme.oid + '\n' + base.repo_path + '\n' + base.revision;
  if (auto cached = rendered_cards_.get(key, 0)) return from_cache(*cached);
  bool cut = false;
  CardHtml out = render_card_html(read_readme(git, blobs_, repo, readme, cut), base);
  out.truncated = out.truncated || cut;
  rendered_cards_.put(key, 0, to_cache(out));
  return out;
}

}  // namespace hfhub::server
