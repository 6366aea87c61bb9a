// Pull request merges and diffs (docs/discussions.md#merging): libgit2's three-way merge of two
// commits, in memory, and the unified patch between two commits.
#include <git2.h>

#include "server/git/commit_pack.h"
#include "server/git/git_error.h"
#include "server/git/git_owned.h"
#include "server/git/git_repo.h"
#include "server/git/git_repo_internal.h"

namespace hfhub::server {

namespace {

using namespace git_detail;
using IndexPtr = GitOwned<git_index, git_index_free>;
using ConflictIteratorPtr = GitOwned<git_index_conflict_iterator, git_index_conflict_iterator_free>;
using DiffPtr = GitOwned<git_diff, git_diff_free>;

std::vector<std::string> conflicted_paths(git_index* index) {
  std::vector<std::string> out;
  ConflictIteratorPtr it;
  git_check(git_index_conflict_iterator_new(it.out(), index), "conflict iterator");
  const git_index_entry *ancestor, *ours, *theirs;
  while (git_index_conflict_next(&ancestor, &ours, &theirs, it.get()) == 0) {
    const git_index_entry* any = ours ? ours : theirs ? theirs : ancestor;
    if (any && (out.empty() || out.back() != any->path)) out.emplace_back(any->path);
  }
  return out;
}

// Moves `ref` from `from` to `to`, compare-and-swap.
void move_ref(git_repository* repo, const std::string& ref, const git_oid& from, const git_oid& to, const char* log) {
  GitReferencePtr r;
  int rc = git_reference_create_matching(r.out(), repo, ref.c_str(), &to, 1, &from, log);
  if (rc == GIT_EMODIFIED || rc == GIT_ENOTFOUND) throw GitRefConflict(ref + " moved");
  git_check(rc, "update ref");
}

struct DiffSink {
  std::string out;
  size_t max_bytes;
};

int append_line(const git_diff_delta*, const git_diff_hunk*, const git_diff_line* line, void* payload) {
  auto* sink = static_cast<DiffSink*>(payload);
  if (line->origin == GIT_DIFF_LINE_CONTEXT || line->origin == GIT_DIFF_LINE_ADDITION ||
      line->origin == GIT_DIFF_LINE_DELETION)
    sink->out.push_back(line->origin);
  sink->out.append(line->content, line->content_len);
  return sink->out.size() >= sink->max_bytes ? 1 : 0;  // non-zero stops the walk
}

}  // namespace

std::optional<std::string> GitRepo::merge_base(std::string_view a, std::string_view b) const {
  Session session(*this);
  git_oid x = oid_or_throw(a), y = oid_or_throw(b), base;
  int rc = git_merge_base(&base, repo_, &x, &y);
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  git_check(rc, "merge base");
  return hex(&base);
}

GitMergeResult GitRepo::merge(const std::string& ref, const std::string& ours, const std::string& theirs,
                              const std::string& message, const GitSignature& author, bool dry_run) {
  Session session(*this);
  git_oid ours_oid = oid_or_throw(ours), theirs_oid = oid_or_throw(theirs);
  GitMergeResult result;
  if (git_oid_equal(&ours_oid, &theirs_oid) || git_graph_descendant_of(repo_, &ours_oid, &theirs_oid) == 1) {
    result.up_to_date = true;
    result.commit = ours;
    return result;
  }
  if (git_graph_descendant_of(repo_, &theirs_oid, &ours_oid) == 1) {
    result.fast_forward = true;
    if (dry_run) return result;
    move_ref(repo_, ref, ours_oid, theirs_oid, "merge: fast-forward");
    result.commit = theirs;
    return result;
  }
  if (!mempack_) mempack_ = CommitPack::attach(repo_);
  CommitPack pack(repo_, mempack_);  // merged blobs, trees and the commit: in memory until written
  GitCommitPtr a, b;
  git_check(git_commit_lookup(a.out(), repo_, &ours_oid), "lookup merge target");
  git_check(git_commit_lookup(b.out(), repo_, &theirs_oid), "lookup merge head");
  git_merge_options opts = GIT_MERGE_OPTIONS_INIT;
  opts.flags = GIT_MERGE_SKIP_REUC;
  IndexPtr index;
  git_check(git_merge_commits(index.out(), repo_, a.get(), b.get(), &opts), "merge");
  if (git_index_has_conflicts(index.get())) {
    result.conflicts = conflicted_paths(index.get());
    return result;
  }
  if (dry_run) return result;
  git_oid tree_oid;
  git_check(git_index_write_tree_to(&tree_oid, index.get(), repo_), "write merged tree");
  GitTreePtr tree;
  git_check(git_tree_lookup(tree.out(), repo_, &tree_oid), "lookup merged tree");
  GitSignaturePtr sig;
  git_check(
      git_signature_new(sig.out(), author.name.c_str(), author.email.c_str(), git_time_t(author.time_ms / 1000), 0),
      "signature");
  const git_commit* parents[2] = {a.get(), b.get()};
  git_oid commit_oid;
  git_check(git_commit_create(&commit_oid, repo_, nullptr, sig.get(), sig.get(), nullptr, message.c_str(), tree.get(),
                              2, parents),
            "write merge commit");
  GitOdbPtr odb;
  git_check(git_repository_odb(odb.out(), repo_), "odb");
  pack.write(odb.get(), commit_oid);  // on disk (fsynced) before the ref names it
  move_ref(repo_, ref, ours_oid, commit_oid, "merge");
  result.commit = hex(&commit_oid);
  return result;
}

std::string GitRepo::diff(std::string_view from, std::string_view to, size_t max_bytes) const {
  Session session(*this);
  git_oid f = oid_or_throw(from), t = oid_or_throw(to);
  GitCommitPtr a, b;
  git_check(git_commit_lookup(a.out(), repo_, &f), "lookup diff base");
  git_check(git_commit_lookup(b.out(), repo_, &t), "lookup diff head");
  GitTreePtr ta, tb;
  git_check(git_commit_tree(ta.out(), a.get()), "diff base tree");
  git_check(git_commit_tree(tb.out(), b.get()), "diff head tree");
  DiffPtr d;
  git_check(git_diff_tree_to_tree(d.out(), repo_, ta.get(), tb.get(), nullptr), "diff");
  DiffSink sink{{}, max_bytes};
  int rc = git_diff_print(d.get(), GIT_DIFF_FORMAT_PATCH, append_line, &sink);
  if (rc < 0 && rc != GIT_EUSER) git_check(rc, "print diff");
  if (sink.out.size() > max_bytes) sink.out.resize(max_bytes);
  return sink.out;
}

}  // namespace hfhub::server
