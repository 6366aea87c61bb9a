#include "server/git/git_repo.h"

#include <git2.h>
#include <git2/sys/odb_backend.h>

#include <algorithm>
#include <cstring>

#include "common/hash.h"
#include "server/git/commit_pack.h"
#include "server/git/folder_trees.h"
#include "server/git/git_error.h"
#include "server/git/git_owned.h"
#include "server/git/git_repo_internal.h"
#include "server/git/tree_edit.h"

namespace hfhub::server {

namespace {

using Commit = GitCommitPtr;
using Tree = GitTreePtr;
using TreeEntry = GitTreeEntryPtr;
using Blob = GitBlobPtr;
using Reference = GitReferencePtr;
using Object = GitObjectPtr;
using Odb = GitOdbPtr;
using Revwalk = GitRevwalkPtr;
using Signature = GitSignaturePtr;
using namespace git_detail;

}  // namespace

namespace git_detail {

std::string hex(const git_oid* oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, oid);
  return buf;
}

bool parse_oid(std::string_view text, git_oid& out) {
  if (text.size() != GIT_OID_HEXSZ || !is_lower_hex(text)) return false;
  return git_oid_fromstrn(&out, text.data(), text.size()) == 0;
}

git_oid oid_or_throw(std::string_view text) {
  git_oid oid;
  if (!parse_oid(text, oid)) throw GitError("not an object id: " + std::string(text));
  return oid;
}

GitCommitInfo describe(const git_commit* c) {
  GitCommitInfo info;
  info.id = hex(git_commit_id(c));
  const char* summary = git_commit_summary(const_cast<git_commit*>(c));
  const char* body = git_commit_body(const_cast<git_commit*>(c));
  info.title = summary ? summary : "";
  info.message = body ? body : "";
  const git_signature* a = git_commit_author(c);
  info.author = {a->name ? a->name : "", a->email ? a->email : "", int64_t(a->when.time) * 1000};
  for (unsigned i = 0; i < git_commit_parentcount(c); ++i) info.parents.push_back(hex(git_commit_parent_id(c, i)));
  return info;
}

}  // namespace git_detail

std::unique_ptr<GitRepo> GitRepo::open(const std::string& path) {
  std::unique_ptr<GitRepo> repo(new GitRepo(path, nullptr));
  Session open_now(*repo);  // fails here, not at first use, when there is no repository
  return repo;
}

std::unique_ptr<GitRepo> GitRepo::open_tracked(const std::string& path, const std::atomic<uint64_t>& generation) {
  std::unique_ptr<GitRepo> repo(new GitRepo(path, &generation));
  Session open_now(*repo);
  return repo;
}

GitRepo::~GitRepo() { close_locked(); }

bool GitRepo::stale_locked() const {
  return repo_ && generation_ && generation_->load(std::memory_order_acquire) != opened_at_;
}

void GitRepo::close_locked() const {
  if (repo_) git_repository_free(repo_);  // frees the odb's backends, the commit pack with them
  repo_ = nullptr;
  mempack_ = nullptr;
}

void GitRepo::release_if_stale() {
  std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
  // A call is running: its Session sees the new generation as it ends and closes then.
  if (lock.owns_lock() && stale_locked()) close_locked();
}

bool GitRepo::is_open() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return repo_ != nullptr;
}

std::optional<std::string> GitRepo::resolve(std::string_view revision) const {
  Session session(*this);
  if (revision.empty()) return std::nullopt;
  git_oid oid;
  // Absent (or not a commit) is an answer; any other failure is storage trouble, and throws.
  if (parse_oid(revision, oid)) {
    Commit c;
    int rc = git_commit_lookup(c.out(), repo_, &oid);
    if (rc == GIT_ENOTFOUND) return std::nullopt;
    git_check(rc, "lookup commit");
    return hex(&oid);
  }
  std::vector<std::string> candidates;
  if (revision == "HEAD") {
    candidates.push_back("HEAD");
  } else if (revision.starts_with("refs/")) {
    candidates.emplace_back(revision);
  } else {
    candidates.push_back("refs/heads/" + std::string(revision));
    candidates.push_back("refs/tags/" + std::string(revision));
  }
  for (auto& name : candidates) {
    int valid = 0;
    if (git_reference_name_is_valid(&valid, name.c_str()) != 0 || !valid) continue;
    Reference ref, direct;
    int rc = git_reference_lookup(ref.out(), repo_, name.c_str());
    if (rc == GIT_ENOTFOUND) continue;
    git_check(rc, "lookup ref");
    rc = git_reference_resolve(direct.out(), ref.get());
    if (rc == GIT_ENOTFOUND) continue;  // a symbolic ref to a branch that does not exist
    git_check(rc, "resolve ref");
    Object peeled;
    rc = git_reference_peel(peeled.out(), direct.get(), GIT_OBJECT_COMMIT);
    if (rc == GIT_EPEEL || rc == GIT_EINVALIDSPEC) continue;  // a tag of a tree or blob
    git_check(rc, "peel ref");                                // e.g. a ref to a missing object: a damaged repository
    return hex(git_object_id(peeled.get()));
  }
  return std::nullopt;
}

std::optional<std::string> GitRepo::resolve_abbreviated(std::string_view prefix) const {
  if (prefix.size() < 7 || prefix.size() >= GIT_OID_HEXSZ || !is_lower_hex(prefix)) return std::nullopt;
  Session session(*this);
  git_oid oid;
  if (git_oid_fromstrn(&oid, prefix.data(), prefix.size()) != 0) return std::nullopt;
  Commit c;
  int rc = git_commit_lookup_prefix(c.out(), repo_, &oid, prefix.size());
  // Another object type under the prefix is not a commit either.
  if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC) return std::nullopt;
  git_check(rc, "lookup commit prefix");
  return hex(git_commit_id(c.get()));
}

std::string GitRepo::tree_of(std::string_view commit) const {
  Session session(*this);
  git_oid oid = oid_or_throw(commit);
  Commit c;
  git_check(git_commit_lookup(c.out(), repo_, &oid), "lookup commit");
  return hex(git_commit_tree_id(c.get()));
}

static GitEntry make_entry(git_repository* repo, git_odb* odb, std::string path, const git_tree_entry* e) {
  GitEntry out;
  out.path = std::move(path);
  out.oid = hex(git_tree_entry_id(e));
  auto type = git_tree_entry_type(e);
  if (type == GIT_OBJECT_TREE) {
    out.is_dir = true;
    return out;
  }
  out.executable = git_tree_entry_filemode(e) == GIT_FILEMODE_BLOB_EXECUTABLE;
  if (type != GIT_OBJECT_BLOB) return out;  // submodule (commit): size 0
  size_t len = 0;
  git_object_t otype;
  git_check(git_odb_read_header(&len, &otype, odb, git_tree_entry_id(e)), "read object header");
  out.size = int64_t(len);
  if (len <= kMaxLfsPointerSize) {
    Blob b;
    git_check(git_blob_lookup(b.out(), repo, git_tree_entry_id(e)), "lookup blob");
    out.lfs = parse_lfs_pointer(
        std::string_view(static_cast<const char*>(git_blob_rawcontent(b.get())), size_t(git_blob_rawsize(b.get()))));
  }
  return out;
}

std::optional<GitEntry> GitRepo::entry(std::string_view commit, std::string_view path) const {
  Session session(*this);
  git_oid oid = oid_or_throw(commit);
  Commit c;
  git_check(git_commit_lookup(c.out(), repo_, &oid), "lookup commit");
  if (path.empty()) {
    GitEntry root;
    root.is_dir = true;
    root.oid = hex(git_commit_tree_id(c.get()));
    return root;
  }
  Tree t;
  git_check(git_commit_tree(t.out(), c.get()), "commit tree");
  TreeEntry e;
  std::string p(path);
  if (git_tree_entry_bypath(e.out(), t.get(), p.c_str()) != 0) return std::nullopt;
  Odb odb;
  git_check(git_repository_odb(odb.out(), repo_), "odb");
  return make_entry(repo_, odb.get(), std::move(p), e.get());
}

namespace {

struct WalkState {
  git_repository* repo;
  git_odb* odb;
  std::string prefix;
  std::vector<GitEntry>* out;
  size_t skip = 0;          // entries before the page: walked past, not read
  size_t limit = SIZE_MAX;  // entries read; the walk stops at the one after them
  bool more = false;
};

int walk_entry(const char* root, const git_tree_entry* e, void* payload) {
  auto* s = static_cast<WalkState*>(payload);
  if (s->skip > 0) {
    --s->skip;
    return 0;
  }
  if (s->out->size() == s->limit) {
    s->more = true;
    return -1;  // stops git_tree_walk
  }
  std::string path = s->prefix + root + git_tree_entry_name(e);
  s->out->push_back(make_entry(s->repo, s->odb, std::move(path), e));
  return 0;
}

}  // namespace

namespace {

// A commit's root tree and the object database, which the tree reads need together.
struct CommitRoot {
  Tree root;
  Odb odb;
};

CommitRoot commit_root(git_repository* repo, std::string_view commit) {
  git_oid oid = oid_or_throw(commit);
  Commit c;
  git_check(git_commit_lookup(c.out(), repo, &oid), "lookup commit");
  CommitRoot out;
  git_check(git_commit_tree(out.root.out(), c.get()), "commit tree");
  git_check(git_repository_odb(out.odb.out(), repo), "odb");
  return out;
}

}  // namespace

std::vector<GitEntry> GitRepo::entries(std::string_view commit, const std::vector<std::string>& paths) const {
  Session session(*this);
  auto [root, odb] = commit_root(repo_, commit);
  FolderTrees trees(repo_, root.get());
  std::vector<GitEntry> out;
  for (auto& path : paths) {
    if (path.empty()) {
      GitEntry folder;
      folder.is_dir = true;
      folder.oid = hex(git_tree_id(root.get()));
      out.push_back(std::move(folder));
    } else if (auto* e = trees.entry(path)) {
      out.push_back(make_entry(repo_, odb.get(), path, e));
    }
  }
  return out;
}

std::vector<GitEntry> GitRepo::list(std::string_view commit, std::string_view dir, bool recursive) const {
  return list_page(commit, dir, recursive, 0, SIZE_MAX).entries;
}

GitRepo::ListPage GitRepo::list_page(std::string_view commit, std::string_view dir, bool recursive, size_t offset,
                                     size_t limit) const {
  Session session(*this);
  auto [root, odb] = commit_root(repo_, commit);
  Tree sub;
  git_tree* tree = root.get();
  if (!dir.empty()) {
    TreeEntry e;
    std::string p(dir);
    if (git_tree_entry_bypath(e.out(), root.get(), p.c_str()) != 0 || git_tree_entry_type(e.get()) != GIT_OBJECT_TREE)
      throw GitEntryNotFound("no folder " + p);
    git_check(git_tree_lookup(sub.out(), repo_, git_tree_entry_id(e.get())), "lookup tree");
    tree = sub.get();
  }
  ListPage page;
  WalkState state{repo_, odb.get(), dir.empty() ? std::string() : std::string(dir) + "/", &page.entries, offset, limit};
  if (recursive) {
    int rc = git_tree_walk(tree, GIT_TREEWALK_PRE, walk_entry, &state);
    if (!state.more) git_check(rc, "walk tree");
  } else {
    size_t n = git_tree_entrycount(tree);
    page.entries.reserve(std::min(n, limit));
    for (size_t i = 0; i < n && !state.more; ++i) walk_entry("", git_tree_entry_byindex(tree, i), &state);
  }
  page.more = state.more;
  return page;
}

std::vector<GitEntry> GitRepo::only_files(std::vector<GitEntry> entries) {
  entries.erase(std::remove_if(entries.begin(), entries.end(), [](const GitEntry& e) { return e.is_dir; }),
                entries.end());
  return entries;
}

std::string GitRepo::read_blob(std::string_view blob_oid, size_t max_bytes) const {
  Session session(*this);
  git_oid oid = oid_or_throw(blob_oid);
  Blob b;
  git_check(git_blob_lookup(b.out(), repo_, &oid), "lookup blob");
  size_t n = std::min<size_t>(size_t(git_blob_rawsize(b.get())), max_bytes);
  return std::string(static_cast<const char*>(git_blob_rawcontent(b.get())), n);
}

GitCommitInfo GitRepo::commit_info(std::string_view commit) const {
  Session session(*this);
  git_oid oid = oid_or_throw(commit);
  Commit c;
  git_check(git_commit_lookup(c.out(), repo_, &oid), "lookup commit");
  return describe(c.get());
}

GitRefs GitRepo::refs() const {
  Session session(*this);
  GitRefs out;
  git_reference_iterator* it = nullptr;
  git_check(git_reference_iterator_new(&it, repo_), "ref iterator");
  git_reference* ref = nullptr;
  while (git_reference_next(&ref, it) == 0) {
    std::string name = git_reference_name(ref);
    Object peeled;
    bool ok = git_reference_peel(peeled.out(), ref, GIT_OBJECT_COMMIT) == 0;
    git_reference_free(ref);
    if (!ok) continue;
    GitRef r{"", name, hex(git_object_id(peeled.get()))};
    auto take = [&](std::string_view prefix, std::vector<GitRef>& into) {
      if (!name.starts_with(prefix)) return false;
      r.name = name.substr(prefix.size());
      into.push_back(r);
      return true;
    };
    take("refs/heads/", out.branches) || take("refs/tags/", out.tags) || take("refs/convert/", out.converts) ||
        take("refs/pr/", out.pull_requests);
  }
  git_reference_iterator_free(it);
  auto by_name = [](const GitRef& a, const GitRef& b) { return a.name < b.name; };
  for (auto* v : {&out.branches, &out.tags, &out.converts}) std::sort(v->begin(), v->end(), by_name);
  std::sort(out.pull_requests.begin(), out.pull_requests.end(),
            [](const GitRef& a, const GitRef& b) { return std::stoll("0" + a.name) < std::stoll("0" + b.name); });
  return out;
}

std::string GitRepo::empty_tree() {
  Session session(*this);
  return write_empty_tree();
}

std::string GitRepo::write_empty_tree() {
  GitTreeBuilderPtr builder;
  git_check(git_treebuilder_new(builder.out(), repo_, nullptr), "tree builder");
  git_oid oid;
  git_check(git_treebuilder_write(&oid, builder.get()), "write empty tree");
  return hex(&oid);
}

namespace {

TreeEdit::Target removal_target(GitChange::Kind kind) {
  if (kind == GitChange::RemoveFile) return TreeEdit::Target::File;
  if (kind == GitChange::RemoveFolder) return TreeEdit::Target::Folder;
  return TreeEdit::Target::Any;
}

// The changes applied to `base` in one pass: removals first, so that a commit deleting a folder
// and adding files under the same name leaves only the new files.
git_oid apply_changes(git_repository* repo, CommitPack& pack, const git_tree* base,
                      const std::vector<GitChange>& changes) {
  TreeEdit edit(repo, base);
  for (auto& change : changes)
    if (change.kind != GitChange::Put) edit.remove(change.path, removal_target(change.kind));
  for (auto& change : changes) {
    if (change.kind != GitChange::Put) continue;
    git_oid blob;
    git_check(git_odb_hash(&blob, change.content.data(), change.content.size(), GIT_OBJECT_BLOB), "hash blob");
    pack.put_blob(blob, change.content);
    edit.put(change.path, blob, change.executable);
  }
  return edit.write();
}

}  // namespace

std::string GitRepo::commit(const GitCommitSpec& spec) {
  Session session(*this);
  Odb odb;
  git_check(git_repository_odb(odb.out(), repo_), "odb");
  if (!mempack_) mempack_ = CommitPack::attach(repo_);
  CommitPack pack(repo_, mempack_);

  Commit parent;
  Tree base;
  if (spec.parent) {
    git_oid p = oid_or_throw(*spec.parent);
    git_check(git_commit_lookup(parent.out(), repo_, &p), "lookup parent");
    git_check(git_commit_tree(base.out(), parent.get()), "parent tree");
  }
  git_oid tree_oid = spec.tree ? oid_or_throw(*spec.tree) : apply_changes(repo_, pack, base.get(), spec.changes);
  Tree tree;
  git_check(git_tree_lookup(tree.out(), repo_, &tree_oid), "lookup tree");
  Signature sig;
  git_check(git_signature_new(sig.out(), spec.author.name.c_str(), spec.author.email.c_str(),
                              git_time_t(spec.author.time_ms / 1000), 0),
            "signature");
  const git_commit* parents[1] = {parent.get()};
  git_oid commit_oid;
  git_check(git_commit_create(&commit_oid, repo_, nullptr, sig.get(), sig.get(), nullptr, spec.message.c_str(),
                              tree.get(), parent.get() ? 1 : 0, parents),
            "write commit");

  pack.write(odb.get(), commit_oid);

  // The objects are on disk (fsynced) before the ref names them.
  Reference ref;
  int rc = 0;
  std::string log = "commit: " + spec.message.substr(0, spec.message.find('\n'));
  if (spec.expected_head) {
    git_oid expected = oid_or_throw(*spec.expected_head);
    rc = git_reference_create_matching(ref.out(), repo_, spec.ref.c_str(), &commit_oid, 1, &expected, log.c_str());
    if (rc == GIT_EMODIFIED || rc == GIT_ENOTFOUND) throw GitRefConflict(spec.ref + " moved");
  } else {
    rc = git_reference_create(ref.out(), repo_, spec.ref.c_str(), &commit_oid, 0, log.c_str());
    if (rc == GIT_EEXISTS) throw GitRefConflict(spec.ref + " already exists");
  }
  git_check(rc, "update ref");
  return hex(&commit_oid);
}

void GitRepo::create_ref(const std::string& ref, const std::string& target, bool force) {
  Session session(*this);
  git_oid oid = oid_or_throw(target);
  Reference r;
  git_check(git_reference_create(r.out(), repo_, ref.c_str(), &oid, force ? 1 : 0, "create"), "create ref");
}

bool GitRepo::delete_ref(const std::string& ref) {
  Session session(*this);
  Reference r;
  if (git_reference_lookup(r.out(), repo_, ref.c_str()) != 0) return false;
  git_check(git_reference_delete(r.get()), "delete ref");
  return true;
}

void GitRepo::create_tag(const std::string& name, const std::string& target, const std::string& message,
                         const GitSignature& tagger) {
  Session session(*this);
  git_oid oid = oid_or_throw(target);
  Object obj;
  git_check(git_object_lookup(obj.out(), repo_, &oid, GIT_OBJECT_COMMIT), "lookup tag target");
  git_oid tag_oid;
  if (message.empty()) {
    git_check(git_tag_create_lightweight(&tag_oid, repo_, name.c_str(), obj.get(), 0), "create tag");
    return;
  }
  Signature sig;
  git_check(
      git_signature_new(sig.out(), tagger.name.c_str(), tagger.email.c_str(), git_time_t(tagger.time_ms / 1000), 0),
      "signature");
  git_check(git_tag_create(&tag_oid, repo_, name.c_str(), obj.get(), sig.get(), message.c_str(), 0), "create tag");
}

}  // namespace hfhub::server
