#include "common/repo_id.h"

#include "common/path_segments.h"

namespace hfhub {

std::optional<RepoType> parse_repo_type(std::string_view t) {
  if (t == "model" || t == "models") return RepoType::Model;
  if (t == "dataset" || t == "datasets") return RepoType::Dataset;
  if (t == "space" || t == "spaces") return RepoType::Space;
  return std::nullopt;
}

std::string_view repo_type_name(RepoType type) {
  switch (type) {
    case RepoType::Model:
      return "model";
    case RepoType::Dataset:
      return "dataset";
    case RepoType::Space:
      return "space";
  }
  return "model";
}

std::string_view repo_type_plural(RepoType type) {
  switch (type) {
    case RepoType::Model:
      return "models";
    case RepoType::Dataset:
      return "datasets";
    case RepoType::Space:
      return "spaces";
  }
  return "models";
}

std::string_view repo_type_url_prefix(RepoType type) {
  switch (type) {
    case RepoType::Model:
      return "";
    case RepoType::Dataset:
      return "datasets/";
    case RepoType::Space:
      return "spaces/";
  }
  return "";
}

static bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
static bool is_word(char c) { return is_alnum(c) || c == '_'; }

// The client's validator (huggingface_hub utils/_validators.py) wants a word character at each
// end, so "__ORG__" is a valid name; the Hub accepts it too.
bool is_valid_repo_name_part(std::string_view part) {
  if (part.empty() || part.size() > 96 || !is_word(part.front()) || !is_word(part.back())) return false;
  if (part.find("--") != std::string_view::npos || part.find("..") != std::string_view::npos) return false;
  for (char c : part) {
    if (!is_alnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

std::optional<RepoId> RepoId::parse(std::string_view text) {
  auto [ns, name] = split_first_segment(text);
  if (ns.empty()) {
    if (!is_valid_repo_name_part(text)) return std::nullopt;
    return RepoId{"", std::string(text)};
  }
  if (!is_valid_repo_name_part(ns) || !is_valid_repo_name_part(name)) return std::nullopt;
  return RepoId{std::string(ns), std::string(name)};
}

}  // namespace hfhub
