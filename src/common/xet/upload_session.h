#pragma once
// The pure half of a Xet upload (docs/xet.md#client): files are fed in any pieces, chunked,
// hashed and deduplicated within the session; new chunks are packed into xorbs, which are handed
// to the caller as soon as they are full; at the end the upload shard lists every file's
// reconstruction (with verification hashes and sha256) and every new xorb. No network code: the
// caller POSTs each xorb, then the shard.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/hash.h"
#include "common/xet/chunker.h"
#include "common/xet/merkle.h"
#include "common/xet/shard_format.h"
#include "common/xet/xorb_format.h"

namespace hfhub::xet {

struct UploadedFile {
  MerkleHash file_hash;  // the Xet file id (X-Xet-Hash)
  std::string sha256;    // lowercase hex, for the LFS pointer
  uint64_t size = 0;
};

class UploadSession {
 public:
  // Called with each finished xorb (serialized bytes and index); the bytes are the callee's.
  using XorbSink = std::function<void(std::string bytes, const XorbIndex& index)>;

  // `scheme` compresses every new chunk; nullopt (the default) picks per chunk with
  // choose_compression: BG4 for number arrays, which on model weights is both smaller and faster
  // than LZ4 (docs/xet.md#xorbs).
  explicit UploadSession(XorbSink sink, std::optional<Compression> scheme = std::nullopt);

  // One file at a time: begin, feed its bytes in any pieces, finish. A caller that already has
  // the file's sha256 (or computes it on another thread) passes it, and the session skips it.
  void begin_file(std::optional<std::string> sha256 = std::nullopt);
  // A piece of kSha256ThreadPiece bytes or more is hashed (sha256) on a helper thread while this
  // one chunks it, unless turned off: on 2 cores the sha256 then leaves the uploader's critical
  // thread (bench/README.md#xet-uploads). The digest is the same either way.
  static constexpr size_t kSha256ThreadPiece = 1 << 20;
  void set_sha256_thread(bool on) { sha256_thread_ = on; }
  void feed(std::string_view data);
  UploadedFile finish_file();

  // Dedup against xorbs stored before (docs/xet.md#client): chunks of `xorb` are referenced
  // instead of uploaded again, from the next chunk on. `hmac_key` is the key of the shard the
  // chunk list came from (a global-dedup answer), or zero when its chunk hashes are plain (a
  // shard this client uploaded earlier). Chunks already in the session keep their place.
  void add_known_xorb(const ShardXorb& xorb, const MerkleHash& hmac_key);
  // Called with each global-dedup candidate (a file's first chunk, a hash 0 mod 1024) before it
  // is placed: a caller that queries the server and calls add_known_xorb right away dedups it.
  void on_dedup_candidate(std::function<void(const MerkleHash&)> callback) { on_candidate_ = std::move(callback); }

  // Gives a xorb's bytes back once they are uploaded, for the next xorb (saves page faults).
  void recycle(std::string buffer) { builder_.recycle(std::move(buffer)); }

  // Hands over the last xorb and returns the upload shard; the session is spent afterwards.
  std::string finish();
  // The shard's content (valid after finish()).
  const Shard& shard() const { return shard_; }

 private:
  struct Placement {      // where a known chunk lives
    bool remote = false;  // in remote_ (stored before) or in xorbs_ (this session)
    size_t xorb = 0;
    uint32_t index = 0;
  };
  struct OpenTerm {
    Placement first;  // xorb and first chunk
    uint32_t end = 0, bytes = 0;
  };

  void add_chunk(std::string_view bytes);
  Placement place(std::string_view bytes, const MerkleHash& hash);
  const Placement* find_known(const MerkleHash& hash);
  const MerkleHash& xorb_hash_of(const Placement& at) const;
  void close_xorb();

  XorbSink sink_;
  std::optional<Compression> scheme_;
  Chunker chunker_;
  std::string carry_;  // the bytes of the chunk in progress
  std::vector<size_t> lengths_;
  bool in_file_ = false;
  std::unique_ptr<Sha256Stream> sha_;  // of the file in progress, unless the caller gave it
  bool sha256_thread_ = true;
  std::optional<std::string> given_sha256_;

  // The file in progress: its chunks in file order and its terms.
  std::vector<HashedSize> file_chunks_;
  std::vector<OpenTerm> terms_;
  uint64_t file_size_ = 0;

  // Session-wide: dedup map, xorbs (closed ones have their hash), the open builder.
  std::unordered_map<MerkleHash, Placement> known_;
  // Xorbs stored before, and the chunks of those that came with an HMAC key, per key.
  std::vector<MerkleHash> remote_;
  std::vector<std::pair<MerkleHash, std::unordered_map<MerkleHash, Placement>>> keyed_;
  std::function<void(const MerkleHash&)> on_candidate_;
  std::vector<ShardXorb> xorbs_;  // the last one is still open while builder_ has chunks
  XorbBuilder builder_;
  // Recipes wait for their xorbs to close: terms hold session-local xorb numbers until finish().
  struct PendingFile {
    MerkleHash file_hash;
    std::string sha256;
    std::vector<OpenTerm> terms;
    std::vector<MerkleHash> verification;
  };
  std::vector<PendingFile> files_;
  Shard shard_;
  bool finished_ = false;
};

}  // namespace hfhub::xet
