#include "client/upload/xet_upload_reader.h"

#include <fcntl.h>
#include <sys/mman.h>

#include <unordered_set>

#include "client/http/session.h"
#include "common/file_handle.h"
#include "common/xet/upload_session.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace {

constexpr size_t kReadBytes = 4 << 20;  // the piece fed at once (multiple of the page size)
// hf.js spaces its global-dedup queries this far apart (docs/xet.md#client).
constexpr int64_t kDedupQuerySpacing = 4'000'000;

// Global dedup (docs/xet.md#cas-api): GET {cas}/v1/chunks/default/{hash}; a 200 is a shard whose
// xorbs (chunk hashes HMAC'd under its footer key) the session may reference. Any failure only
// means "no dedup".
class DedupQueries {
 public:
  DedupQueries(xet::UploadSession& session, XetUploadTokenSource& tokens, ClientOptions options)
      : session_(session), tokens_(tokens), http_(without_hub_token(std::move(options))) {}

  void start_file() { next_at_ = 0; }
  void set_position(int64_t fed) { fed_ = fed; }

  void candidate(const xet::MerkleHash& hash) {
    if (fed_ < next_at_) return;
    next_at_ = fed_ + kDedupQuerySpacing;
    std::optional<xet::Shard> answer;
    try {
      const XetConnection token = tokens_.current();
      HttpRequest request{"GET", token.cas_url + "/v1/chunks/default/" + hash.hex(), {}, {}};
      request.header("authorization", "Bearer " + token.access_token);
      auto response = http_.send(std::move(request));
      if (response.status == 200) answer = xet::parse_shard(response.body);
    } catch (const CancelledError&) {
      throw;
    } catch (const std::exception&) {
      return;
    }
    if (!answer) return;
    for (const auto& xorb : answer->xorbs)
      if (added_.insert(xorb.hash).second) session_.add_known_xorb(xorb, answer->hmac_key);
  }

 private:
  static ClientOptions without_hub_token(ClientOptions options) {
    options.token.reset();  // CAS calls carry the Xet token only
    options.max_retries = 0;
    return options;
  }

  xet::UploadSession& session_;
  XetUploadTokenSource& tokens_;
  Session http_;
  std::unordered_set<xet::MerkleHash> added_;
  int64_t fed_ = 0, next_at_ = 0;
};

// A file mapped read-only: the session reads the page cache directly (no copy per read), and
// each piece is dropped from the mapping once fed, so the mapping never holds the whole file.
class MappedFile {
 public:
  explicit MappedFile(const std::filesystem::path& path) {
    FileHandle fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) throw HfHubError("Cannot open " + path.string() + " for upload");
    size_ = size_t(fd.size());
    if (size_ == 0) return;
    void* at = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd.fd(), 0);
    if (at == MAP_FAILED) throw HfHubError("Cannot map " + path.string() + " for upload");
    data_ = static_cast<const char*>(at);
    ::madvise(at, size_, MADV_SEQUENTIAL);
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {data_, size_}; }
  void drop(size_t offset, size_t length) const { ::madvise(const_cast<char*>(data_) + offset, length, MADV_DONTNEED); }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
};

// Feeds one source in kReadBytes pieces, telling the dedup spacing where the file is.
void feed_source(const XetUploadSource& source, size_t index, xet::UploadSession& session, DedupQueries& dedup,
                 const XetReaderHooks& hooks) {
  std::optional<MappedFile> mapped;
  if (source.file) mapped.emplace(*source.file);
  const std::string_view all = mapped ? mapped->bytes() : std::string_view(source.bytes);
  for (size_t at = 0; at < all.size(); at += kReadBytes) {
    const std::string_view piece = all.substr(at, kReadBytes);
    dedup.set_position(int64_t(at));
    session.feed(piece);
    if (mapped) mapped->drop(at, piece.size());
    if (hooks.on_progress) hooks.on_progress(index, int64_t(at + piece.size()));
  }
}

}  // namespace

xet::Shard read_xet_sources(const std::vector<XetUploadSource>& sources, XetUploadTokenSource& tokens,
                            const ClientOptions& options, const XetReaderHooks& hooks) {
  // LZ4 for every chunk: the per-chunk BG4 choice costs CPU the upload is short of (docs/xet.md#xorbs).
  xet::UploadSession* self = nullptr;
  xet::UploadSession session([&hooks, &self](std::string bytes, const xet::XorbIndex& index) {
    hooks.on_xorb(std::move(bytes), index);  // returns once a slot is free: a sent buffer is back
    // The builder is empty between two xorbs: the only moment it takes a buffer back.
    if (hooks.pool)
      if (auto buffer = hooks.pool->take()) self->recycle(std::move(*buffer));
  });
  self = &session;
  DedupQueries dedup(session, tokens, options);
  session.on_dedup_candidate([&dedup](const xet::MerkleHash& hash) { dedup.candidate(hash); });
  for (size_t i = 0; i < sources.size(); ++i) {
    if (hooks.on_start) hooks.on_start(i);
    session.begin_file();
    dedup.start_file();
    feed_source(sources[i], i, session, dedup, hooks);
    auto uploaded = session.finish_file();
    if (uploaded.sha256 != sources[i].sha256)
      throw HfHubError("'" + sources[i].path_in_repo + "' changed while it was being uploaded");
  }
  session.finish();
  return session.shard();
}

}  // namespace hfhub::client
