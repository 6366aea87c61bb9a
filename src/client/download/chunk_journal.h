#pragma once
// Which chunks of a parallel range download are on disk, kept beside the temp file so a
// download killed at any moment resumes where it stopped. A chunk is recorded only after its
// bytes were written; a lost or stale journal only means chunks are fetched again, and the
// final digest check catches anything else.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace hfhub::client {

struct ChunkJournal {
  std::string etag;
  int64_t size = 0;
  int64_t chunk_size = 0;
  std::vector<bool> done;  // one flag per chunk

  size_t chunk_count() const { return done.size(); }
  int64_t chunk_begin(size_t i) const { return int64_t(i) * chunk_size; }
  int64_t chunk_end(size_t i) const { return std::min(size, chunk_begin(i) + chunk_size); }
  // The end of the complete prefix: every chunk before it is done.
  int64_t prefix_end() const;
  int64_t bytes_done() const;

  static ChunkJournal fresh(std::string etag, int64_t size, int64_t chunk_size);
  // The journal at `path` if it describes this download exactly, else nullopt.
  static std::optional<ChunkJournal> load(const std::filesystem::path& path, std::string_view etag, int64_t size,
                                          int64_t chunk_size);
  // Temp file + rename: a reader sees the old journal or the new one.
  void save(const std::filesystem::path& path) const;
};

}  // namespace hfhub::client
