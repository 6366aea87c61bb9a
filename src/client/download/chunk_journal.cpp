#include "client/download/chunk_journal.h"

#include <fstream>
#include <sstream>

#include "hfhub/errors.h"

namespace hfhub::client {

namespace fs = std::filesystem;

int64_t ChunkJournal::prefix_end() const {
  size_t i = 0;
  while (i < done.size() && done[i]) ++i;
  return i == done.size() ? size : chunk_begin(i);
}

int64_t ChunkJournal::bytes_done() const {
  int64_t total = 0;
  for (size_t i = 0; i < done.size(); ++i)
    if (done[i]) total += chunk_end(i) - chunk_begin(i);
  return total;
}

ChunkJournal ChunkJournal::fresh(std::string etag, int64_t size, int64_t chunk_size) {
  ChunkJournal j;
  j.etag = std::move(etag);
  j.size = size;
  j.chunk_size = chunk_size;
  j.done.assign(size_t((size + chunk_size - 1) / chunk_size), false);
  return j;
}

// Format: "hfhub-chunks 1 <etag> <size> <chunk_size>\n" then the done chunk numbers.
std::optional<ChunkJournal> ChunkJournal::load(const fs::path& path, std::string_view etag, int64_t size,
                                               int64_t chunk_size) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::string magic, file_etag;
  int version = 0;
  int64_t file_size = -1, file_chunk = -1;
  if (!(in >> magic >> version >> file_etag >> file_size >> file_chunk)) return std::nullopt;
  if (magic != "hfhub-chunks" || version != 1 || file_etag != etag || file_size != size || file_chunk != chunk_size)
    return std::nullopt;
  ChunkJournal j = fresh(std::string(etag), size, chunk_size);
  size_t index = 0;
  while (in >> index) {
    if (index >= j.done.size()) return std::nullopt;
    j.done[index] = true;
  }
  return j;
}

void ChunkJournal::save(const fs::path& path) const {
  std::ostringstream out;
  out << "hfhub-chunks 1 " << etag << ' ' << size << ' ' << chunk_size << '\n';
  for (size_t i = 0; i < done.size(); ++i)
    if (done[i]) out << i << '\n';
  fs::path temp = path;
  temp += ".tmp";
  {
    std::ofstream file(temp, std::ios::trunc);
    file << out.str();
    if (!file.flush()) throw HfHubError("Cannot write " + temp.string());
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) throw HfHubError("Cannot write " + path.string() + ": " + ec.message());
}

}  // namespace hfhub::client
