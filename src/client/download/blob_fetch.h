#pragma once
// Downloads one file into its final place, verified: the bytes must hash to the etag (sha256
// for LFS files, git blob sha1 for regular files) and have the announced size, or nothing is
// put in place and ChecksumMismatchError is reported.
//
// Small files stream sequentially into `sequential_temp`, the name Python uses
// (blobs/<etag>.incomplete), so either client resumes the other's partial download with a
// Range request. Large files are fetched as parallel range requests into `chunked_temp`, with
// a journal of finished chunks beside it (a sparse file under Python's name would look
// complete to Python). A server that ignores Range is detected and the download restarts as
// one plain GET. Failed or stalled requests are retried with backoff and resume where they
// stopped. The caller holds the blob's lock.
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "client/http/http_message.h"
#include "client/transfer/transfer_engine.h"
#include "hfhub/client_options.h"

namespace hfhub::client {

class Session;
class XetTokenSource;

// A Xet-backed file (docs/xet.md#client): fetched through the CAS instead of `url`.
struct XetSource {
  Session* session = nullptr;  // for the reconstruction query; outlives the download
  std::shared_ptr<XetTokenSource> token;
  std::string file_hash;
};

struct BlobTarget {
  std::string url;     // GET URL
  HeaderList headers;  // authorization, user-agent (libcurl drops Authorization on a redirect to another host)
  std::string etag;    // 40 or 64 lowercase hex
  int64_t size = -1;   // announced size; -1 when unknown (then no parallel ranges)
  std::filesystem::path final_path;
  std::filesystem::path sequential_temp;
  std::filesystem::path chunked_temp;
  std::filesystem::path chunk_journal;  // which chunks of chunked_temp are done
  std::string display_path;             // path in the repo, for progress events
  std::optional<XetSource> xet;         // set: download through the CAS (chunked_temp + chunk_journal)
};

// Starts the download on `engine` (which the caller runs). `done` runs on the loop thread with
// nullptr once final_path holds the verified file, or with the error.
void fetch_blob(TransferEngine& engine, const ClientOptions& options, BlobTarget target,
                std::function<void(std::exception_ptr)> done);

}  // namespace hfhub::client
