#pragma once
// Which reconstruction terms of a Xet download are on disk, with their chunk hashes (the file
// hash is checked over all of them at the end), kept beside the temp file so a download killed
// at any moment resumes without fetching finished terms again. Append-only: one line per term
// after its bytes were written; a torn last line is ignored. A lost or stale journal only means
// terms are fetched again; the final sha256 and file-hash checks catch anything else.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/xet/merkle.h"

namespace hfhub::client {

struct XetTermJournal {
  std::string key;  // "<etag> <size> <file hash> <term count>": what the journal describes
  std::vector<bool> done;
  std::vector<std::vector<xet::HashedSize>> hashes;  // per done term, its chunks in order

  static XetTermJournal fresh(std::string key, size_t terms);
  // The journal at `path` if it describes `key` (terms whose chunk count or size disagree with
  // `chunk_counts`/`lengths` are not done).
  static std::optional<XetTermJournal> load(const std::filesystem::path& path, const std::string& key,
                                            const std::vector<uint32_t>& chunk_counts,
                                            const std::vector<uint64_t>& lengths);
  // Starts the file (header only).
  void create(const std::filesystem::path& path) const;
  // Marks term `t` done with its chunks and appends its line.
  void append(const std::filesystem::path& path, size_t t, std::vector<xet::HashedSize> chunks);
};

}  // namespace hfhub::client
