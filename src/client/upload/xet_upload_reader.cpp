#include "client/upload/xet_upload_reader.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <unordered_set>

#include "client/http/session.h"
#include "common/file_handle.h"
#include "common/posix_io.h"
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

// What tells that a file changed under the upload: its size and modification time.
struct FileIdentity {
  int64_t size = 0;
  int64_t mtime_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};

FileIdentity identity_of(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw HfHubError("Cannot stat a file being uploaded");
  return {int64_t(st.st_size), int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

[[noreturn]] void changed(const XetUploadSource& source) {
  throw HfHubError("'" + source.path_in_repo + "' changed while it was being uploaded");
}

// Feeds one file in kReadBytes pieces through one reused buffer. pread, not a mapping: a file
// truncated meanwhile is a short read and an error here, where a mapping would end the process
// with SIGBUS.
void feed_file(const XetUploadSource& source, size_t index, xet::UploadSession& session, DedupQueries& dedup,
               const XetReaderHooks& hooks) {
  FileHandle fd(::open(source.file->c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) throw HfHubError("Cannot open " + source.file->string() + " for upload");
  const FileIdentity before = identity_of(fd.fd());
  ::posix_fadvise(fd.fd(), 0, 0, POSIX_FADV_SEQUENTIAL);
  std::string buffer(kReadBytes, '\0');
  for (int64_t at = 0; at < before.size;) {
    const size_t want = size_t(std::min<int64_t>(int64_t(kReadBytes), before.size - at));
    if (pread_all(fd.fd(), buffer.data(), want, at) != want) changed(source);
    dedup.set_position(at);
    session.feed({buffer.data(), want});
    at += int64_t(want);
    if (hooks.on_progress) hooks.on_progress(index, at);
  }
  if (identity_of(fd.fd()) != before) changed(source);
}

// Feeds one source in kReadBytes pieces, telling the dedup spacing where the file is.
void feed_source(const XetUploadSource& source, size_t index, xet::UploadSession& session, DedupQueries& dedup,
                 const XetReaderHooks& hooks) {
  if (source.file) return feed_file(source, index, session, dedup, hooks);
  const std::string_view all = source.bytes;
  for (size_t at = 0; at < all.size(); at += kReadBytes) {
    const std::string_view piece = all.substr(at, kReadBytes);
    dedup.set_position(int64_t(at));
    session.feed(piece);
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
    // A sha256 computed before (for the LFS batch) is not computed again: that saves a fifth of
    // the reader's CPU. A file changed since is caught by its size and mtime here, and by the
    // server, which checks each new file's sha256 against its bytes (docs/xet.md#cas-api).
    // Without one, the session hashes the bytes it chunks: one read of the file for both.
    const std::string& known = sources[i].sha256;
    session.begin_file(known.empty() ? std::nullopt : std::optional<std::string>(known));
    dedup.start_file();
    feed_source(sources[i], i, session, dedup, hooks);
    const xet::UploadedFile done = session.finish_file();
    if (hooks.on_file_done) hooks.on_file_done(i, done);
  }
  session.finish();
  return session.shard();
}

}  // namespace hfhub::client
