#include "server/app/blob_stores.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "common/atomic_write.h"
#include "server/stores/fs/fs_blob_store.h"
#include "server/stores/s3/s3_blob_store.h"

namespace hfhub::server {

namespace {

// A config key, else the standard AWS environment variable, else `fallback`.
std::string setting(const std::string& configured, const char* env, const std::string& fallback = "") {
  if (!configured.empty()) return configured;
  const char* v = std::getenv(env);
  return v && *v ? v : fallback;
}

S3Options s3_options(const BlobStoreConfig& b) {
  S3Options o;
  o.endpoint = b.endpoint;
  o.bucket = b.bucket;
  o.credentials.access_key = setting(b.access_key, "AWS_ACCESS_KEY_ID");
  o.credentials.secret_key = setting(b.secret_key, "AWS_SECRET_ACCESS_KEY");
  o.credentials.region = setting(b.region, "AWS_REGION", "us-east-1");
  if (o.endpoint.empty() || o.bucket.empty())
    throw std::invalid_argument("blob-store = s3 needs s3-endpoint and s3-bucket");
  if (o.credentials.access_key.empty() || o.credentials.secret_key.empty())
    throw std::invalid_argument(
        "blob-store = s3 needs credentials: s3-access-key and s3-secret-key, or AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY");
  return o;
}

}  // namespace

std::unique_ptr<BlobStore> open_blob_store(const ServerConfig& config, const std::string& name) {
  if (!config.blob_store.s3)
    return std::make_unique<FsBlobStore>((config.data_dir / name).string(), config.spool_dir().string());
  const auto& b = config.blob_store;
  S3BlobStoreOptions o;
  o.prefix = b.prefix.empty() ? name : b.prefix + "/" + name;
  o.spool_dir = config.spool_dir().string();
  // On the data dir, so a spooled upload is renamed into the cache once stored.
  o.cache_dir = (config.data_dir / "s3-cache" / name).string();
  o.cache_bytes = b.cache_bytes / 3;  // the bound is shared by the three stores
  o.part_size = b.part_size;
  // Always for LFS objects: an upload staged while direct uploads were on is still claimed after.
  if (name == "lfs") o.staging_prefix = (b.prefix.empty() ? "" : b.prefix + "/") + "staging/" + name;
  return std::make_unique<S3BlobStore>(std::make_shared<S3Client>(s3_options(b)), std::move(o));
}

static std::filesystem::path hook_blob_config_file(const std::filesystem::path& data_dir) {
  return data_dir / "hooks" / "blob-store.conf";
}

void write_hook_blob_config(const ServerConfig& config) {
  const auto file = hook_blob_config_file(config.data_dir);
  if (!config.blob_store.s3) {
    std::error_code ec;
    std::filesystem::remove(file, ec);
    return;
  }
  const auto& b = config.blob_store;
  const auto o = s3_options(b);
  std::filesystem::create_directories(file.parent_path());
  write_file_atomic(file,
                    "# Written by hfhubd at start for its push hook: the LFS objects a push names are in S3.\n"
                    "blob-store = s3\ns3-endpoint = " + o.endpoint + "\ns3-bucket = " + o.bucket +
                        "\ns3-region = " + o.credentials.region + "\ns3-prefix = " + b.prefix +
                        "\ns3-access-key = " + o.credentials.access_key +
                        "\ns3-secret-key = " + o.credentials.secret_key + "\n",
                    0600);
}

ServerConfig hook_config(const std::string& data_dir) {
  ServerConfig config;
  config.set("data", data_dir);
  if (std::filesystem::exists(hook_blob_config_file(data_dir))) config.load_file(hook_blob_config_file(data_dir));
  return config;
}

int64_t download_redirect_ttl(const ServerConfig& config) {
  return config.blob_store.s3 && !config.blob_store.proxy_downloads ? config.blob_store.presign_ttl : 0;
}

}  // namespace hfhub::server

namespace hfhub::server {

bool direct_lfs_uploads(const ServerConfig& config) {
  return config.blob_store.s3 && !config.blob_store.proxy_uploads.value_or(config.blob_store.proxy_downloads);
}

}  // namespace hfhub::server
