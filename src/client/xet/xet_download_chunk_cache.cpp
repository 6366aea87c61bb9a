#include "client/xet/xet_download_chunk_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "common/posix_io.h"
#include "common/xet/chunk_codec.h"
#include "common/xet/merkle.h"

namespace hfhub::client {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[4] = {'H', 'F', 'X', 'C'};

struct Trailer {
  std::vector<xet::MerkleHash> hashes;
  uint64_t records_size = 0;
};

// The hashes at the end of an entry, checked against their checksum; nullopt when damaged.
std::optional<Trailer> read_trailer(int fd, uint64_t file_size, uint32_t expected) {
  uint64_t trailer = uint64_t(expected) * 32 + 32 + 4 + 4;
  if (file_size < trailer) return std::nullopt;
  std::string bytes(trailer, '\0');
  std::error_code ec;
  if (pread_all(fd, bytes.data(), trailer, int64_t(file_size - trailer), ec) != trailer || ec) return std::nullopt;
  uint32_t count = 0;
  std::memcpy(&count, bytes.data() + trailer - 8, 4);
  if (std::memcmp(bytes.data() + trailer - 4, kMagic, 4) != 0 || count != expected) return std::nullopt;
  Trailer t;
  t.hashes.resize(count);
  for (uint32_t i = 0; i < count; ++i) std::memcpy(t.hashes[i].bytes.data(), bytes.data() + size_t(i) * 32, 32);
  xet::MerkleHash checksum;
  std::memcpy(checksum.bytes.data(), bytes.data() + size_t(count) * 32, 32);
  if (xet::range_hash(t.hashes) != checksum) return std::nullopt;
  t.records_size = file_size - trailer;
  return t;
}

// "<start>-<end>" -> the range, or nullopt.
std::optional<std::pair<uint32_t, uint32_t>> entry_range(const std::string& name) {
  unsigned long start = 0, end = 0;
  char tail = 0;
  if (std::sscanf(name.c_str(), "%lu-%lu%c", &start, &end, &tail) != 2 || start >= end) return std::nullopt;
  return std::pair{uint32_t(start), uint32_t(end)};
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
    fs::remove(entry.path(), ec);  // corrupt: never served again
    return false;
  }
  return false;
}

bool XetChunkCache::read_entry(const fs::path& path, uint32_t entry_start, uint32_t start, uint32_t end,
                               const Sink& sink) const {
  FileHandle fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st {};
  if (!fd || ::fstat(fd.fd(), &st) != 0) return false;
  auto range = entry_range(path.filename().string());
  auto trailer = read_trailer(fd.fd(), uint64_t(st.st_size), range->second - range->first);
  if (!trailer) return false;
  std::string payload, decoded;
  uint64_t at = 0;
  std::error_code ec;
  try {
    for (uint32_t index = entry_start; index < end; ++index) {
      uint8_t header_bytes[xet::kChunkHeaderBytes];
      if (at + sizeof header_bytes > trailer->records_size ||
          pread_all(fd.fd(), reinterpret_cast<char*>(header_bytes), sizeof header_bytes, int64_t(at), ec) !=
              sizeof header_bytes)
        return false;
      xet::ChunkHeader header = xet::parse_chunk_header(header_bytes, at);
      uint64_t payload_at = at + sizeof header_bytes;
      at = payload_at + header.compressed;
      if (at > trailer->records_size) return false;
      if (index < start) continue;
      payload.resize(header.compressed);
      if (pread_all(fd.fd(), payload.data(), payload.size(), int64_t(payload_at), ec) != payload.size()) return false;
      xet::decode_payload(header, payload, decoded);
      xet::MerkleHash hash = xet::chunk_hash(decoded);
      if (hash != trailer->hashes[index - entry_start]) return false;
      sink(index, decoded, hash);
    }
  } catch (const xet::FormatError&) {
    return false;
  }
  return true;
}

std::unique_ptr<XetChunkCache::Writer> XetChunkCache::writer(const xet::MerkleHash& xorb, uint32_t start,
                                                             uint32_t end) const {
  if (!enabled()) return nullptr;
  return std::make_unique<Writer>(this, xorb, start, end);
}

XetChunkCache::Writer::Writer(const XetChunkCache* cache, const xet::MerkleHash& xorb, uint32_t start, uint32_t end)
    : cache_(cache), expected_(end - start) {
  fs::path dir = cache->xorb_dir(xorb);
  std::error_code ec;
  fs::create_directories(dir, ec);
  final_ = dir / (std::to_string(start) + "-" + std::to_string(end));
  temp_ = final_;
  temp_ += ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(reinterpret_cast<uintptr_t>(this));
  fd_ = FileHandle(::open(temp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
}

XetChunkCache::Writer::~Writer() { discard(); }

void XetChunkCache::Writer::add(std::string_view record, const xet::MerkleHash& hash) {
  if (!fd_ || failed_) return;
  std::error_code ec;
  write_all(fd_.fd(), record, ec);
  if (ec) failed_ = true;
  hashes_.push_back(hash);
}

void XetChunkCache::Writer::seal() {
  if (!fd_ || sealed_) return;
  if (failed_ || hashes_.size() != expected_) return discard();
  std::string trailer(hashes_.size() * 32, '\0');
  for (size_t i = 0; i < hashes_.size(); ++i) std::memcpy(trailer.data() + i * 32, hashes_[i].bytes.data(), 32);
  xet::MerkleHash checksum = xet::range_hash(hashes_);
  trailer.append(reinterpret_cast<const char*>(checksum.bytes.data()), 32);
  uint32_t count = uint32_t(hashes_.size());
  trailer.append(reinterpret_cast<const char*>(&count), 4);
  trailer.append(kMagic, 4);
  std::error_code ec;
  write_all(fd_.fd(), trailer, ec);
  fd_.reset();
  hashes_.clear();
  hashes_.shrink_to_fit();
  if (ec) return discard();
  sealed_ = true;
}

void XetChunkCache::Writer::publish() {
  seal();
  if (!sealed_ || temp_.empty()) return;
  std::error_code ec;
  fs::rename(temp_, final_, ec);
  if (ec) return discard();
  temp_.clear();
  cache_->evict(final_);
}

void XetChunkCache::Writer::discard() {
  fd_.reset();
  std::error_code ec;
  if (!temp_.empty()) fs::remove(temp_, ec);
  temp_.clear();
}

void XetChunkCache::evict(const fs::path& keep) const {
  struct Entry {
    fs::file_time_type used;
    uint64_t size;
    fs::path path;
  };
  std::vector<Entry> entries;
  uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root_, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    if (!entry_range(it->path().filename().string())) {
      // A temp entry of a download killed before its file was verified.
      if (it->path().filename().string().find(".tmp") != std::string::npos &&
          it->last_write_time(ec) < fs::file_time_type::clock::now() - std::chrono::hours(24))
        fs::remove(it->path(), ec);
      continue;
    }
    Entry e{it->last_write_time(ec), it->file_size(ec), it->path()};
    total += e.size;
    entries.push_back(std::move(e));
  }
  if (total <= uint64_t(max_bytes_)) return;
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
  for (const Entry& e : entries) {
    if (total <= uint64_t(max_bytes_)) break;
    if (e.path == keep) continue;
    if (fs::remove(e.path, ec)) total -= e.size;
  }
}

}  // namespace hfhub::client
