#pragma once
// The digest an etag promises: sha256 of the content for LFS files (64 hex), git blob sha1 for
// regular files (40 hex). Downloads are verified against it before they enter the cache.
#include <cstdint>
#include <memory>
#include <string_view>

#include "common/hash.h"

namespace hfhub::client {

// A fresh stream for `etag` over `size` bytes. Throws std::invalid_argument for another form.
std::unique_ptr<HashStream> digest_for_etag(std::string_view etag, int64_t size);

}  // namespace hfhub::client
