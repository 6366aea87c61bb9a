#include "client/xet/xet_download_chunk_cache.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "common/file_handle.h"
#include "common/lru_files.h"
#include "common/posix_io.h"

namespace hfhub::client {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kHeader = "HFXR1 ";
constexpr char kMagic[4] = {'H', 'F', 'X', 'R'};
constexpr size_t kRefBytes = 8 + 4 + 32;

// "<start>-<end>" -> the range, or nullopt.
std::optional<std::pair<uint32_t, uint32_t>> entry_range(const std::string& name) {
  unsigned long start = 0, end = 0;
  char tail = 0;
  if (std::sscanf(name.c_str(), "%lu-%lu%c", &start, &end, &tail) != 2 || start >= end) return std::nullopt;
  return std::pair{uint32_t(start), uint32_t(end)};
}

struct Entry {
  fs::path file;
  std::vector<XetChunkRef> chunks;
};

std::optional<Entry> load_entry(const fs::path& path, uint32_t expected) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream all;
  all << in.rdbuf();
  std::string bytes = all.str();
  size_t newline = bytes.find('\n');
  if (!bytes.starts_with(kHeader) || newline == std::string::npos) return std::nullopt;
  Entry e;
  e.file = bytes.substr(kHeader.size(), newline - kHeader.size());
  size_t at = newline + 1;
  if (bytes.size() != at + expected * kRefBytes + 8 || std::memcmp(bytes.data() + bytes.size() - 4, kMagic, 4) != 0)
    return std::nullopt;
  uint32_t count = 0;
  std::memcpy(&count, bytes.data() + bytes.size() - 8, 4);
  if (count != expected) return std::nullopt;
  e.chunks.resize(count);
  for (auto& c : e.chunks) {
    std::memcpy(&c.offset, bytes.data() + at, 8);
    std::memcpy(&c.size, bytes.data() + at + 8, 4);
    std::memcpy(c.hash.bytes.data(), bytes.data() + at + 12, 32);
    at += kRefBytes;
  }
  return e;
}

}  // namespace

XetChunkCache::XetChunkCache(fs::path root, int64_t max_bytes) : root_(std::move(root)), max_bytes_(max_bytes) {}

fs::path XetChunkCache::xorb_dir(const xet::MerkleHash& xorb) const {
  std::string hex = xorb.hex();
  return root_ / hex.substr(0, 2) / hex;
}

bool XetChunkCache::read(const xet::MerkleHash& xorb, uint32_t start, uint32_t end, const Sink& sink) const {
  if (!enabled()) return false;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(xorb_dir(xorb), ec)) {
    auto range = entry_range(entry.path().filename().string());
    if (!range || range->first > start || range->second < end) continue;
    if (read_entry(entry.path(), range->first, start, end, sink)) {
      fs::last_write_time(entry.path(), fs::file_time_type::clock::now(), ec);  // recently used
      return true;
    }
    fs::remove(entry.path(), ec);  // stale or damaged: never served again
    return false;
  }
  return false;
}

bool XetChunkCache::read_entry(const fs::path& path, uint32_t entry_start, uint32_t start, uint32_t end,
                               const Sink& sink) const {
  auto range = entry_range(path.filename().string());
  auto entry = load_entry(path, range->second - range->first);
  if (!entry) return false;
  FileHandle fd(::open(entry->file.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return false;
  std::string data;
  std::error_code ec;
  for (uint32_t index = start; index < end; ++index) {
    const XetChunkRef& c = entry->chunks[index - entry_start];
    data.resize(c.size);
    if (c.size == 0 || pread_all(fd.fd(), data.data(), c.size, int64_t(c.offset), ec) != c.size || ec) return false;
    if (xet::chunk_hash(data) != c.hash) return false;
    sink(index, data, c.hash);
  }
  return true;
}

void XetChunkCache::put(const xet::MerkleHash& xorb, uint32_t start, const fs::path& file,
                        const std::vector<XetChunkRef>& chunks) const {
  if (!enabled() || chunks.empty()) return;
  std::string bytes = std::string(kHeader) + fs::absolute(file).string() + '\n';
  for (const auto& c : chunks) {
    if (c.size == 0) return;  // a chunk this download did not place: no entry
    bytes.append(reinterpret_cast<const char*>(&c.offset), 8);
    bytes.append(reinterpret_cast<const char*>(&c.size), 4);
    bytes.append(reinterpret_cast<const char*>(c.hash.bytes.data()), 32);
  }
  uint32_t count = uint32_t(chunks.size());
  bytes.append(reinterpret_cast<const char*>(&count), 4);
  bytes.append(kMagic, 4);
  fs::path dir = xorb_dir(xorb);
  std::error_code ec;
  fs::create_directories(dir, ec);
  fs::path final = dir / (std::to_string(start) + "-" + std::to_string(start + count));
  fs::path temp = final;
  temp += ".tmp" + std::to_string(::getpid());
  {
    FileHandle fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (fd) write_all(fd.fd(), bytes, ec);
    if (!fd || ec) return (void)fs::remove(temp, ec);
  }
  fs::rename(temp, final, ec);
  if (ec) fs::remove(temp, ec);
}

void XetChunkCache::evict(const fs::path& keep) const {
  trim_lru_files(
      root_, int64_t(max_bytes_), [](const fs::path& p) { return entry_range(p.filename().string()).has_value(); },
      keep);
}

}  // namespace hfhub::client
