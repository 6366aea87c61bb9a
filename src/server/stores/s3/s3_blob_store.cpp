#include "server/stores/s3/s3_blob_store.h"

#include <unistd.h>

#include <filesystem>

#include "common/hash.h"
#include "common/lfs_pointer.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

S3BlobStore::S3BlobStore(std::shared_ptr<const S3Client> client, S3BlobStoreOptions options)
    : client_(std::move(client)), options_(std::move(options)), cache_(options_.cache_dir, options_.cache_bytes) {
  std::filesystem::create_directories(options_.spool_dir);
}

std::string S3BlobStore::repo_prefix(std::string_view repo) const {
  // Both ids become keys (and cache paths): only hex digits may.
  if (repo.empty() || repo.size() > 64 || !is_lower_hex(repo)) throw StoreError("invalid repository id");
  return options_.prefix.empty() ? std::string(repo) : options_.prefix + "/" + std::string(repo);
}

std::string S3BlobStore::key_of(std::string_view repo, std::string_view oid) const {
  if (!is_sha256_hex(oid)) throw StoreError("invalid LFS object id");
  return repo_prefix(repo) + "/" + std::string(oid);
}

std::optional<int64_t> S3BlobStore::size(std::string_view repo, std::string_view oid) {
  if (auto info = client_->head(key_of(repo, oid))) return info->size;
  // Every check of presence (batch, verify, commit, push hook) is where a direct upload becomes
  // an object: never before its bytes are checked.
  if (!options_.staging_prefix.empty()) return claim_staged(repo, oid);
  return std::nullopt;
}

std::shared_ptr<FileHandle> S3BlobStore::open(std::string_view repo, std::string_view oid) {
  const auto key = key_of(repo, oid);
  return cache_.open(std::string(repo) + "/" + std::string(oid), [&](int fd) { return client_->get_to_file(key, fd); });
}

void S3BlobStore::put_file(const std::string& file, std::string_view repo, std::string_view oid) {
  const auto key = key_of(repo, oid);
  if (!client_->head(key)) client_->upload_file(key, file, options_.part_size);
  // The upload's bytes are what the next download of a fresh object asks for.
  cache_.adopt(file, std::string(repo) + "/" + std::string(oid));
}

bool S3BlobStore::remove(std::string_view repo, std::string_view oid) {
  const auto key = key_of(repo, oid);
  cache_.forget(std::string(repo) + "/" + std::string(oid));
  // An upload still staged would otherwise bring the object back at its next check.
  if (!options_.staging_prefix.empty()) client_->remove_keys(client_->list(staging_prefix_of(repo, oid)));
  if (!client_->head(key)) return false;
  client_->remove(key);
  return true;
}

std::optional<std::chrono::system_clock::time_point> S3BlobStore::modified(std::string_view repo,
                                                                           std::string_view oid) {
  auto info = client_->head(key_of(repo, oid));
  if (!info) return std::nullopt;
  return info->last_modified;
}

void S3BlobStore::remove_all(std::string_view repo) {
  cache_.forget_all(std::string(repo));
  client_->remove_keys(client_->list(repo_prefix(repo) + "/"));
  if (!options_.staging_prefix.empty()) {
    repo_prefix(repo);  // validates the id before it joins a key
    client_->remove_keys(client_->list(options_.staging_prefix + "/" + std::string(repo) + "/"));
  }
}

void S3BlobStore::link_all(std::string_view from_repo, std::string_view to_repo) {
  const auto from = repo_prefix(from_repo) + "/", to = repo_prefix(to_repo) + "/";
  // S3 has no links: server-side copies, so no byte passes through here either.
  for (auto& key : client_->list(from)) client_->copy(key, to + key.substr(from.size()));
}

bool S3BlobStore::link_object(std::string_view from_repo, std::string_view to_repo, std::string_view oid) {
  const auto from = key_of(from_repo, oid), to = key_of(to_repo, oid);
  if (!client_->head(from)) return false;
  if (!client_->head(to)) client_->copy(from, to);
  return true;
}

std::optional<std::string> S3BlobStore::read_prefix(std::string_view repo, std::string_view oid, size_t max_bytes) {
  return client_->get_range(key_of(repo, oid), 0, int64_t(max_bytes));
}

std::optional<std::string> S3BlobStore::download_url(std::string_view repo, std::string_view oid,
                                                     int64_t ttl_seconds) {
  return client_->presign("GET", key_of(repo, oid), {}, ttl_seconds);
}

}  // namespace hfhub::server
