#pragma once
// The LFS batch API for uploads (docs/hub-behaviour.md#lfs-batch): POST
// {ep}/{prefix}{id}.git/info/lfs/objects/batch with the basic and multipart transfers, and xet
// unless ClientOptions::disable_xet (docs/xet.md#negotiation). An object without `actions` is
// already stored.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "client/http/http_message.h"
#include "client/upload/upload_target.h"

namespace hfhub::client {

inline constexpr size_t kLfsBatchSize = 256;

struct LfsObjectSpec {
  std::string oid;  // sha256
  int64_t size = 0;
};

struct LfsAction {
  std::string href;
  HeaderList header;  // multipart: chunk_size and one signed URL per part number
};

struct LfsBatchObject {
  std::string oid;
  int64_t size = 0;
  std::optional<LfsAction> upload;  // unset: already stored
  std::optional<LfsAction> verify;
  // The answer chose the xet transfer: `upload` is the write-token URL with the token headers.
  bool xet = false;
};

// One call per 256 objects; the answers in the order of `objects`. A per-object error throws an
// HfHubHttpError with its code and message; a malformed answer InvalidResponseError.
std::vector<LfsBatchObject> post_lfs_batch(const UploadTarget& target, const std::vector<LfsObjectSpec>& objects);

// Parses one batch answer (exposed for tests).
std::vector<LfsBatchObject> parse_lfs_batch_response(const std::string& body, const std::string& url);

}  // namespace hfhub::client
