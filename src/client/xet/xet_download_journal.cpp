#include "client/xet/xet_download_journal.h"

#include <fcntl.h>

#include <fstream>
#include <sstream>

#include "common/file_handle.h"
#include "common/posix_io.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "hfhub-xet-terms 1 ";

// "<t> <hash>:<size>,..." -> (t, chunks), or nullopt.
std::optional<std::pair<size_t, std::vector<xet::HashedSize>>> parse_line(const std::string& line) {
  std::istringstream in(line);
  size_t t = 0;
  std::string list;
  if (!(in >> t >> list)) return std::nullopt;
  std::vector<xet::HashedSize> chunks;
  for (size_t at = 0; at < list.size();) {
    size_t comma = std::min(list.find(',', at), list.size());
    std::string item = list.substr(at, comma - at);
    size_t colon = item.find(':');
    if (colon == std::string::npos) return std::nullopt;
    auto hash = xet::MerkleHash::from_hex(item.substr(0, colon));
    if (!hash) return std::nullopt;
    try {
      chunks.push_back({*hash, std::stoull(item.substr(colon + 1))});
    } catch (...) {
      return std::nullopt;
    }
    at = comma + 1;
  }
  return std::pair{t, std::move(chunks)};
}

}  // namespace

XetTermJournal XetTermJournal::fresh(std::string key, size_t terms) {
  XetTermJournal j;
  j.key = std::move(key);
  j.done.assign(terms, false);
  j.hashes.resize(terms);
  return j;
}

std::optional<XetTermJournal> XetTermJournal::load(const fs::path& path, const std::string& key,
                                                   const std::vector<uint32_t>& chunk_counts,
                                                   const std::vector<uint64_t>& lengths) {
  std::ifstream in(path);
  std::string header;
  if (!in || !std::getline(in, header) || in.eof() || header != std::string(kMagic) + key) return std::nullopt;
  XetTermJournal j = fresh(key, chunk_counts.size());
  std::string line;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // no newline: torn by a kill
    auto parsed = parse_line(line);
    if (!parsed || parsed->first >= j.done.size()) continue;
    auto& [t, chunks] = *parsed;
    uint64_t total = 0;
    for (const auto& c : chunks) total += c.size;
    if (chunks.size() != chunk_counts[t] || total != lengths[t]) continue;
    j.done[t] = true;
    j.hashes[t] = std::move(chunks);
  }
  return j;
}

void XetTermJournal::create(const fs::path& path) const {
  fs::path temp = path;
  temp += ".tmp";
  {
    std::ofstream file(temp, std::ios::trunc);
    file << kMagic << key << '\n';
    if (!file.flush()) throw HfHubError("Cannot write " + temp.string());
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) throw HfHubError("Cannot write " + path.string() + ": " + ec.message());
}

void XetTermJournal::append(const fs::path& path, size_t t, std::vector<xet::HashedSize> chunks) {
  std::string line = std::to_string(t) + ' ';
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (i) line += ',';
    line += chunks[i].hash.hex() + ':' + std::to_string(chunks[i].size);
  }
  line += '\n';
  // One write(2) with O_APPEND: a kill leaves the line whole or torn, never interleaved.
  FileHandle fd(::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
  std::error_code ec;
  if (fd) write_all(fd.fd(), line, ec);
  if (!fd || ec) throw HfHubError("Cannot write " + path.string());
  done[t] = true;
  hashes[t] = std::move(chunks);
}

}  // namespace hfhub::client
