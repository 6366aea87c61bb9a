#pragma once
// How every engine stores a paper's authors (docs/papers.md#storage): the names one per line in
// one text column, searched with the title and summary. A name never holds a line break (the
// importer checks).
#include <string>
#include <string_view>
#include <vector>

#include "common/split.h"

namespace hfhub::server {

inline std::string join_paper_authors(const std::vector<std::string>& authors) {
  std::string out;
  for (auto& a : authors) {
    if (!out.empty()) out += '\n';
    out += a;
  }
  return out;
}

inline std::vector<std::string> split_paper_authors(std::string_view stored) {
  std::vector<std::string> out;
  if (stored.empty()) return out;  // no authors, rather than one empty name
  for (auto name : split(stored, '\n')) out.emplace_back(name);
  return out;
}

}  // namespace hfhub::server
