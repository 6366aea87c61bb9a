#include "server/git/tree_edit.h"

#include <unordered_map>
#include <vector>

#include "common/split.h"
#include "server/git/git_owned.h"

namespace hfhub::server {

// What the edit did to one name of a folder.
struct TreeEdit::Change {
  enum Kind { Removed, File, Folder } kind = Removed;
  git_oid blob{};
  git_filemode_t mode = GIT_FILEMODE_BLOB;
  std::unique_ptr<Node> folder;  // Folder: the edits inside it
};

// A folder the edit touches: its tree before the edit (none for a new folder) and the names it
// changes. Names it does not change keep their entry of `base`.
struct TreeEdit::Node {
  GitTreePtr owned_base;
  const git_tree* base = nullptr;
  std::unordered_map<std::string, Change> changes;

  const git_tree_entry* base_entry(const std::string& name) const {
    return base ? git_tree_entry_byname(base, name.c_str()) : nullptr;
  }
  // Whether `name` is a folder after the changes so far; nullopt when it is absent.
  std::optional<bool> is_folder(const std::string& name) const {
    if (auto it = changes.find(name); it != changes.end()) {
      if (it->second.kind == Change::Removed) return std::nullopt;
      return it->second.kind == Change::Folder;
    }
    if (auto* e = base_entry(name)) return git_tree_entry_type(e) == GIT_OBJECT_TREE;
    return std::nullopt;
  }
};

TreeEdit::TreeEdit(git_repository* repo, const git_tree* base) : repo_(repo), root_(std::make_unique<Node>()) {
  root_->base = base;
}

TreeEdit::~TreeEdit() = default;

// The folder `name` of `parent` as edited so far, now part of the edit; nullptr when there is
// none. With `create`, a missing or removed folder starts empty, and a file there is a conflict.
TreeEdit::Node* TreeEdit::child_folder(Node& parent, std::string_view name_view, bool create, std::string_view path) {
  std::string name(name_view);
  auto it = parent.changes.find(name);
  if (it != parent.changes.end() && it->second.kind == Change::Folder) return it->second.folder.get();
  const git_tree_entry* existing = it == parent.changes.end() ? parent.base_entry(name) : nullptr;
  bool file_there = (it != parent.changes.end() && it->second.kind == Change::File) ||
                    (existing && git_tree_entry_type(existing) != GIT_OBJECT_TREE);
  if (!create && (file_there || !existing)) return nullptr;
  if (file_there)
    throw GitTreeConflict("'" + name + "' is a file, so '" + std::string(path) + "' cannot be written under it");
  auto node = std::make_unique<Node>();
  if (existing) {
    git_check(git_tree_lookup(node->owned_base.out(), repo_, git_tree_entry_id(existing)), "lookup tree");
    node->base = node->owned_base.get();
  }
  Node* raw = node.get();
  Change& change = parent.changes[name];
  change.kind = Change::Folder;
  change.folder = std::move(node);
  return raw;
}

void TreeEdit::remove(std::string_view path, Target target) {
  auto parts = split(path, '/');
  Node* node = root_.get();
  for (size_t i = 0; i + 1 < parts.size() && node; ++i) node = child_folder(*node, parts[i], false, path);
  std::string name(parts.back());
  auto folder = node ? node->is_folder(name) : std::nullopt;
  if (!folder || (target == Target::File && *folder) || (target == Target::Folder && !*folder))
    throw GitRemoveTargetMissing(std::string(path), target == Target::Folder);
  Change& change = node->changes[name];
  change.kind = Change::Removed;
  change.folder.reset();
}

void TreeEdit::put(std::string_view path, const git_oid& blob, bool executable) {
  auto parts = split(path, '/');
  Node* node = root_.get();
  for (size_t i = 0; i + 1 < parts.size(); ++i) node = child_folder(*node, parts[i], true, path);
  std::string name(parts.back());
  if (node->is_folder(name).value_or(false))
    throw GitTreeConflict("'" + std::string(path) + "' is a folder; a file cannot replace it");
  Change& change = node->changes[name];
  change.kind = Change::File;
  change.blob = blob;
  change.mode = executable ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
}

// Writes `node` (its subfolders first) into `out`; false when the folder ends up empty.
bool TreeEdit::write_folder(Node& node, git_oid& out) {
  GitTreeBuilderPtr builder;
  git_check(git_treebuilder_new(builder.out(), repo_, node.base), "tree builder");
  auto drop = [&](const std::string& name) {
    if (git_treebuilder_get(builder.get(), name.c_str()))
      git_check(git_treebuilder_remove(builder.get(), name.c_str()), "remove tree entry");
  };
  for (auto& [name, change] : node.changes) {
    if (change.kind == Change::Removed) {
      drop(name);
    } else if (change.kind == Change::File) {
      git_check(git_treebuilder_insert(nullptr, builder.get(), name.c_str(), &change.blob, change.mode),
                "insert tree entry");
    } else if (git_oid sub; write_folder(*change.folder, sub)) {
      git_check(git_treebuilder_insert(nullptr, builder.get(), name.c_str(), &sub, GIT_FILEMODE_TREE),
                "insert tree entry");
    } else {
      drop(name);
    }
  }
  if (git_treebuilder_entrycount(builder.get()) == 0) return false;
  git_check(git_treebuilder_write(&out, builder.get()), "write tree");
  ++trees_written_;
  return true;
}

git_oid TreeEdit::write() {
  if (root_->changes.empty() && root_->base) return *git_tree_id(root_->base);
  git_oid root;
  if (write_folder(*root_, root)) return root;
  // Everything removed: the commit holds the empty tree.
  GitTreeBuilderPtr empty;
  git_check(git_treebuilder_new(empty.out(), repo_, nullptr), "tree builder");
  git_check(git_treebuilder_write(&root, empty.get()), "write tree");
  ++trees_written_;
  return root;
}

}  // namespace hfhub::server
