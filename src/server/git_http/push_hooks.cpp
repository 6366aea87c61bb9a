#include "server/git_http/push_hooks.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/atomic_write.h"
#include "common/hash.h"
#include "common/lfs_pointer.h"
#include "server/content/content_service.h"
#include "server/git_http/child_process.h"
#include "server/git_http/push_path_rules.h"

namespace hfhub::server {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kDefaultBranchRef = "refs/heads/main";
// Enough names to act on; a push missing thousands of objects does not need them all listed.
constexpr size_t kMaxListedObjects = 20;

bool is_hex_oid(std::string_view s) { return (s.size() == 40 || s.size() == 64) && is_lower_hex(s); }

std::string shell_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto nl = text.find('\n');
    auto line = text.substr(0, nl);
    if (!line.empty()) out.emplace_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

std::string git_binary() {
  static const std::string path = find_in_path("git").value_or("/usr/bin/git");
  return path;
}

// Runs git in the hook's environment (GIT_DIR, quarantine); throws with its stderr on failure.
std::string git_output(std::vector<std::string> args, const std::string& input = {}) {
  args.insert(args.begin(), git_binary());
  auto r = run_process(args, input);
  if (r.exit_code != 0)
    throw std::runtime_error("git " + args[1] + " failed (exit " + std::to_string(r.exit_code) + "): " + r.err);
  return r.out;
}

// What a push adds: every object reachable from the new tips and not from any existing ref
// (`--not --all`), sorted by what the checks below read.
struct NewObjects {
  std::string small_blobs;  // ids, one a line: blobs small enough to be LFS pointers
  std::string trees;        // ids of trees and commits
};

NewObjects new_objects(const std::vector<RefUpdate>& updates) {
  std::vector<std::string> args{"rev-list", "--objects", "--no-object-names"};
  for (auto& u : updates)
    if (!u.deletes()) args.push_back(u.new_oid);
  if (args.size() == 3) return {};
  args.push_back("--not");
  args.push_back("--all");
  auto objects = git_output(args);
  if (objects.empty()) return {};
  NewObjects out;
  for (auto& line :
       split_lines(git_output({"cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)"}, objects))) {
    std::istringstream fields(line);
    std::string oid, type;
    size_t size = 0;
    if (!(fields >> oid >> type >> size)) continue;
    if (type == "blob" && size <= kMaxLfsPointerSize)
      out.small_blobs += oid + "\n";
    else if (type == "tree" || type == "commit")
      out.trees += oid + "\n";
  }
  return out;
}

struct GitObject {
  std::string oid, type, content;
};

// The objects named in `ids` (one a line), read with one `git cat-file --batch`:
// "<oid> <type> <size>\n<bytes>\n" per object.
std::vector<GitObject> read_objects(const std::string& ids) {
  if (ids.empty()) return {};
  auto batch = git_output({"cat-file", "--batch"}, ids);
  std::vector<GitObject> objects;
  std::string_view rest = batch;
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    if (nl == std::string_view::npos) break;
    std::istringstream header{std::string(rest.substr(0, nl))};
    rest.remove_prefix(nl + 1);
    GitObject object;
    size_t size = 0;
    if (!(header >> object.oid >> object.type >> size) || size > rest.size())
      throw std::runtime_error("unexpected output from git cat-file --batch");
    object.content = rest.substr(0, size);
    objects.push_back(std::move(object));
    rest.remove_prefix(std::min(rest.size(), size + 1));
  }
  return objects;
}

std::vector<LfsPointer> lfs_pointers(const NewObjects& added) {
  std::vector<LfsPointer> pointers;
  for (auto& blob : read_objects(added.small_blobs))
    if (auto p = parse_lfs_pointer(blob.content)) pointers.push_back(std::move(*p));
  return pointers;
}

PushedTrees pushed_trees(const NewObjects& added) {
  PushedTrees pushed;
  for (auto& object : read_objects(added.trees)) {
    if (object.type == "commit")
      pushed.commit_roots.push_back(commit_tree_id(object.content));
    else
      pushed.trees.emplace(std::move(object.oid), std::move(object.content));
  }
  return pushed;
}

// The LFS check: every pointer the push adds names an object uploaded to this repository.
int check_lfs_objects(BlobStore& blobs, std::string_view repo_id, const NewObjects& added, std::string& messages) {
  size_t missing = 0;
  for (auto& p : lfs_pointers(added)) {
    auto stored = blobs.size(repo_id, p.oid);
    if (stored && *stored == p.size) continue;
    if (++missing <= kMaxListedObjects)
      messages += "hfhub: LFS object " + p.oid + " (" + std::to_string(p.size) + " bytes) " +
                  (stored ? "was uploaded with a different size" : "was not uploaded to this repository") + "\n";
  }
  if (!missing) return 0;
  if (missing > kMaxListedObjects)
    messages += "hfhub: ... and " + std::to_string(missing - kMaxListedObjects) + " more\n";
  messages +=
      "hfhub: push refused: upload LFS objects first (install git-lfs and push again, or run "
      "`git lfs push --all <remote>`)\n";
  return 1;
}

}  // namespace

bool RefUpdate::deletes() const { return new_oid.find_first_not_of('0') == std::string::npos; }

std::optional<std::vector<RefUpdate>> parse_ref_updates(std::string_view text) {
  std::vector<RefUpdate> out;
  for (auto& line : split_lines(text)) {
    std::istringstream fields(line);
    RefUpdate u;
    std::string extra;
    if (!(fields >> u.old_oid >> u.new_oid >> u.ref) || (fields >> extra) || !is_hex_oid(u.old_oid) ||
        !is_hex_oid(u.new_oid))
      return std::nullopt;
    out.push_back(std::move(u));
  }
  return out;
}

std::optional<std::string> ref_update_refusal(const RefUpdate& u) {
  std::string_view name;
  // An open pull request's ref may move (its commits), never be created or deleted: the
  // discussions API owns both (docs/discussions.md#commits).
  if (auto num = pull_request_number(u.ref)) {
    if (u.deletes() || u.old_oid.find_first_not_of('0') == std::string::npos)
      return u.ref +
             ": pull request refs are managed by the server (opened through the discussions API); a push may only move "
             "an existing one";
    return std::nullopt;
  }
  if (u.ref.starts_with("refs/heads/"))
    name = std::string_view(u.ref).substr(11);
  else if (u.ref.starts_with("refs/tags/"))
    name = std::string_view(u.ref).substr(10);
  else
    return u.ref +
           ": only branches (refs/heads/*) and tags (refs/tags/*) can be pushed; "
           "other refs (conversions) are managed by the server";
  if (!is_valid_ref_name(name)) return u.ref + ": invalid branch or tag name";
  if (u.ref == kDefaultBranchRef && u.deletes()) return u.ref + ": the default branch cannot be deleted";
  return std::nullopt;
}

std::string current_executable() {
  std::error_code ec;
  auto path = fs::read_symlink("/proc/self/exe", ec).string();
  if (ec) throw std::runtime_error("cannot read /proc/self/exe: " + ec.message());
  // An executable replaced on disk while running (an upgrade) reads as "... (deleted)"; the new
  // file at the same path is the one the hook should run.
  constexpr std::string_view deleted = " (deleted)";
  if (path.ends_with(deleted)) path.resize(path.size() - deleted.size());
  return path;
}

std::string install_push_hooks(const std::string& data_dir, const std::string& hfhubd_path) {
  std::string dir = data_dir + "/hooks";
  fs::create_directories(dir);
  std::string script =
      "#!/bin/sh\n"
      "# Written by hfhubd (rewritten when it starts serving git): the push checks.\n"
      "exec " +
      shell_quote(hfhubd_path) + " hook pre-receive --data " + shell_quote(data_dir) + "\n";
  std::string path = dir + "/pre-receive";
  std::string current;
  if (std::ifstream in{path}) current.assign(std::istreambuf_iterator<char>(in), {});
  if (current != script) {
    // Written aside and renamed: a push running meanwhile sees the old script or the new one.
    write_file_atomic(path, script, 0755);
  }
  return dir;
}

int run_pre_receive(BlobStore& lfs, std::string_view repo_id, std::string_view stdin_text,
                    std::string& messages, const std::optional<std::vector<std::string>>& only_refs) {
  auto updates = parse_ref_updates(stdin_text);
  if (!updates) {
    messages += "hfhub: malformed ref update list\n";
    return 1;
  }
  int refused = 0;
  for (auto& u : *updates) {
    auto why = ref_update_refusal(u);
    if (!why && only_refs && std::find(only_refs->begin(), only_refs->end(), u.ref) == only_refs->end())
      why = u.ref + ": without write access to the repository, a push may only move your own open pull requests";
    if (why) {
      messages += "hfhub: refusing " + *why + "\n";
      ++refused;
    }
  }
  if (refused) return 1;

  auto added = new_objects(*updates);
  // The commit API's path rules hold for pushed trees too (push_path_rules.h).
  auto bad_paths = pushed_path_refusals(pushed_trees(added), kMaxListedObjects);
  for (auto& why : bad_paths) messages += "hfhub: refusing " + why + "\n";
  if (!bad_paths.empty()) {
    messages += "hfhub: push refused: these names are not allowed in a repository (the same rules as the commit API)\n";
    return 1;
  }
  return check_lfs_objects(lfs, repo_id, added, messages);
}

}  // namespace hfhub::server
