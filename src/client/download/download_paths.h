#pragma once
// Where a download lands and how it is fetched: the cache's or a local dir's paths for one
// file, the headers to send to the URL holding the bytes, and the small rules shared by
// hf_hub_download and snapshot_download.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "client/cache/hub_cache.h"
#include "client/download/blob_fetch.h"
#include "client/http/session.h"
#include "hfhub/download.h"

namespace hfhub::client {

// Python's REGEX_COMMIT_HASH: 40 lowercase hex characters.
bool is_commit_hash(std::string_view revision);

// "<subfolder>/<filename>" (or filename), validated as a repo path; std::invalid_argument
// otherwise, before anything touches the disk.
std::string repo_file_path(const std::optional<std::string>& subfolder, std::string_view filename);

// cache_dir when set, else the options' hub cache.
std::filesystem::path cache_root(const ClientOptions& options, const std::optional<std::filesystem::path>& cache_dir);

// The session's default headers, without Authorization when `url` is on another host than the
// Hub (a signed storage URL must not receive the token).
HeaderList transfer_headers(const Session& session, std::string_view url);

// A cache blob download: temp names beside the blob, the blob's lock.
BlobTarget cache_blob_target(const RepoCache& cache, std::string url, HeaderList headers, std::string etag,
                             int64_t size, std::string display_path);

// Points `target` at the CAS when the HEAD advertised Xet and Xet is not disabled
// (HF_HUB_DISABLE_XET): Python too ignores the redirect then (docs/xet.md#client).
void use_xet_if_offered(BlobTarget& target, Session& session, const HfFileMetadata& metadata);

// The cached file for (revision, path) without network: a snapshot path, a .no_exist marker,
// or nothing. An unknown revision name (no refs/ file) is nothing.
CacheLookup lookup_cached_file(const RepoCache& cache, std::string_view revision, std::string_view path);

}  // namespace hfhub::client
