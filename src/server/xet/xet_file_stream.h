#pragma once
// Plain-HTTP downloads of Xet-backed files (docs/xet.md#resolve): the server reconstructs the
// file itself, for git-lfs, curl and every client that does not speak Xet. A small fixed pool of
// threads walks the file's terms, reads each xorb's byte range from the xorb BlobStore, decodes
// it and writes the bytes into a pipe that the HTTP layer sends with Content-Length. The pipe is
// the backpressure: a job whose client reads slowly waits for the pipe to drain without holding
// a thread, and holds at most one batch (kXetStreamBatch) of decoded bytes meanwhile.
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "server/http/response.h"
#include "server/stores/blob_store.h"
#include "server/stores/xet_store.h"

namespace hfhub::server {

// Decoded bytes per step of a job: the memory one download holds, and the unit of fairness
// between downloads sharing the pool.
inline constexpr uint64_t kXetStreamBatch = uint64_t(1) << 20;

// Where a xorb lives in its BlobStore (docs/xet.md#server-storage): the first two hex digits of
// its hash as the "repo" (fan-out), the hash string as the oid.
std::string xet_blob_prefix(const xet::MerkleHash& hash);

// Walks a file's terms for bytes [first, first + length): whole terms and chunks before the range
// are skipped unread, and each next() decodes one batch (at most kXetStreamBatch bytes) from the
// xorb BlobStore. Throws (std::runtime_error, xet::FormatError) on a xorb that is missing, short
// or does not decode to its index, and on terms that end before the range does.
class XetRangeReader {
 public:
  XetRangeReader(XetStore& store, BlobStore& xorbs, std::vector<xet::FileTerm> terms, uint64_t first, uint64_t length)
      : store_(store), xorbs_(xorbs), terms_(std::move(terms)), skip_(first), remaining_(length) {}

  bool done() const { return remaining_ == 0; }
  // Appends the next batch to `out`.
  void next(std::string& out);

 private:
  void load_xorb(const xet::MerkleHash& hash);
  void emit(std::string_view chunk);

  XetStore& store_;
  BlobStore& xorbs_;
  std::vector<xet::FileTerm> terms_;
  uint64_t skip_;       // bytes before the range still to drop
  uint64_t remaining_;  // bytes of the range not yet decoded
  size_t term_ = 0;
  bool in_term_ = false;
  uint32_t chunk_ = 0;  // next chunk of the current term, as an index into its xorb
  std::optional<xet::XorbIndex> index_;
  std::shared_ptr<FileHandle> xorb_file_;
  std::string* out_ = nullptr;
};

// The bytes at once, for small reads (a safetensors header): `length` is what the caller holds.
std::string read_xet_range(XetStore& store, BlobStore& xorbs, const XetFileRecord& file, uint64_t first,
                           uint64_t length);

class XetStreamPool {
 public:
  XetStreamPool(XetStore& store, BlobStore& xorbs, size_t threads = 2);
  ~XetStreamPool();
  XetStreamPool(const XetStreamPool&) = delete;
  XetStreamPool& operator=(const XetStreamPool&) = delete;

  // Starts sending bytes [first, first + length) of `file`; the caller checked the range. The
  // stream carries `length` (sent with Content-Length); its `finish` stops the job when the
  // client goes away. A term the store cannot serve (a missing or corrupt xorb) ends the pipe
  // early, which closes the connection: the client sees a short body.
  std::shared_ptr<PipeStream> stream(const XetFileRecord& file, uint64_t first, uint64_t length);

  // Jobs running or waiting for their client (for tests and metrics).
  size_t active() const;

 private:
  XetStore& store_;
  BlobStore& xorbs_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
  std::shared_ptr<std::atomic<size_t>> active_;
};

}  // namespace hfhub::server
