#pragma once
// Repository types and ids, validated by the Hub's naming rules. Shared by server and client.
#include <optional>
#include <string>
#include <string_view>

namespace hfhub {

enum class RepoType { Model, Dataset, Space };

// "model" / "dataset" / "space" (also accepts the plural API segment "models" ...).
std::optional<RepoType> parse_repo_type(std::string_view text);
std::string_view repo_type_name(RepoType type);        // "model"
std::string_view repo_type_plural(RepoType type);      // "models", the /api/ path segment
std::string_view repo_type_url_prefix(RepoType type);  // "", "datasets/", "spaces/"

// One part of a repo id (namespace or name): [A-Za-z0-9._-] with a word character ([A-Za-z0-9_])
// at each end, no "--" or "..", at most 96 characters.
bool is_valid_repo_name_part(std::string_view part);

struct RepoId {
  std::string ns;  // empty for legacy one-segment ids such as "gpt2"
  std::string name;

  // Parses "ns/name" or a legacy "name". Returns nullopt if either part is invalid.
  static std::optional<RepoId> parse(std::string_view text);
  std::string str() const { return ns.empty() ? name : ns + "/" + name; }
  bool operator==(const RepoId&) const = default;
};

}  // namespace hfhub
