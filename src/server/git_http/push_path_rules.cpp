#include "server/git_http/push_path_rules.h"

#include <cstdio>
#include <optional>
#include <unordered_set>

#include "common/repo_path.h"

namespace hfhub::server {

namespace {

constexpr size_t kSha1Bytes = 20;

std::string to_hex(std::string_view raw) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// A path for a message: bytes that could garble the client's terminal are escaped.
std::string printable(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7f || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += char(c);
    }
  }
  return out;
}

struct RawEntry {
  std::string_view mode;
  std::string_view name;
  std::string id;  // hex
};

// Git's tree format: "<octal mode> <name>\0<20-byte id>" repeated; nullopt when malformed.
std::optional<std::vector<RawEntry>> parse_tree(std::string_view raw) {
  std::vector<RawEntry> entries;
  while (!raw.empty()) {
    auto space = raw.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    auto nul = raw.find('\0', space + 1);
    if (nul == std::string_view::npos || raw.size() < nul + 1 + kSha1Bytes) return std::nullopt;
    entries.push_back(
        {raw.substr(0, space), raw.substr(space + 1, nul - space - 1), to_hex(raw.substr(nul + 1, kSha1Bytes))});
    raw.remove_prefix(nul + 1 + kSha1Bytes);
  }
  return entries;
}

class Checker {
 public:
  Checker(const PushedTrees& pushed, size_t max_messages) : pushed_(pushed), max_(max_messages) {}

  // Checks tree `id` at `prefix` and the new trees under it; trees seen before are skipped
  // (the same folder may appear in many commits of a push).
  void check(const std::string& id, const std::string& prefix) {
    auto it = pushed_.trees.find(id);
    if (it == pushed_.trees.end() || !seen_.insert(id).second) return;  // old, or done
    auto entries = parse_tree(it->second);
    if (!entries) return refuse("tree " + id + " is malformed");
    for (auto& e : *entries) {
      auto why = tree_entry_refusal(prefix, e.mode, e.name);
      if (!why.empty()) {
        refuse(why);
        continue;
      }
      if (e.mode == "40000") check(e.id, prefix + std::string(e.name) + "/");
    }
  }
  std::vector<std::string> finish() {
    if (refused_ > max_) messages_.push_back("... and " + std::to_string(refused_ - max_) + " more");
    return std::move(messages_);
  }

 private:
  void refuse(std::string message) {
    if (++refused_ <= max_) messages_.push_back(std::move(message));
  }
  const PushedTrees& pushed_;
  size_t max_;
  size_t refused_ = 0;
  std::unordered_set<std::string> seen_;
  std::vector<std::string> messages_;
};

}  // namespace

std::string tree_entry_refusal(std::string_view prefix, std::string_view mode, std::string_view name) {
  std::string path = std::string(prefix) + std::string(name);
  auto refused = [&](const std::string& why) { return "path '" + printable(path) + "': " + why; };
  if (name.find('/') != std::string_view::npos) return refused("a name in a tree cannot contain '/'");
  if (auto error = repo_path_error(path)) return refused(*error);
  if (mode == "120000") return refused("symbolic links are not accepted");
  if (mode == "160000") return refused("submodules are not accepted");
  if (mode != "100644" && mode != "100755" && mode != "40000")
    return refused("mode " + printable(mode) + " is not a file (100644, 100755) or a folder");
  return {};
}

std::vector<std::string> pushed_path_refusals(const PushedTrees& pushed, size_t max_messages) {
  Checker checker(pushed, max_messages);
  for (auto& root : pushed.commit_roots) checker.check(root, "");
  // New trees no new commit reaches (a tag may name a tree): their names still follow the rules.
  for (auto& [id, raw] : pushed.trees) checker.check(id, "");
  return checker.finish();
}

std::string commit_tree_id(std::string_view commit_object) {
  constexpr std::string_view kTree = "tree ";
  if (!commit_object.starts_with(kTree) || commit_object.size() < kTree.size() + 40) return {};
  return std::string(commit_object.substr(kTree.size(), 40));
}

}  // namespace hfhub::server
