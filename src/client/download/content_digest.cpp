#include "client/download/content_digest.h"

#include <stdexcept>
#include <string>

namespace hfhub::client {

std::unique_ptr<HashStream> digest_for_etag(std::string_view etag, int64_t size) {
  if (etag.size() == 64 && is_lower_hex(etag)) return std::make_unique<Sha256Stream>();
  if (etag.size() == 40 && is_lower_hex(etag) && size >= 0) return std::make_unique<GitBlobSha1Stream>(uint64_t(size));
  throw std::invalid_argument("Cannot verify a download against etag '" + std::string(etag) + "'");
}

}  // namespace hfhub::client
