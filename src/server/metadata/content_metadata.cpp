#include "server/metadata/content_metadata.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "common/posix_io.h"
#include "server/metadata/repo_metadata.h"

namespace hfhub::server {

namespace {

namespace json = boost::json;

// extra_json holds other Hub fields (imported or derived) as one object: only its "safetensors"
// key belongs to derivation, the rest is kept as it is.
std::string with_safetensors(const std::string& extra_json, const std::string& safetensors_json) {
  json::object extra;
  if (!extra_json.empty()) {
    boost::system::error_code ec;
    json::value v = json::parse(extra_json, ec);
    if (!ec && v.is_object()) extra = std::move(v.get_object());
  }
  if (safetensors_json.empty()) {
    if (!extra.contains("safetensors")) return extra_json;
    extra.erase("safetensors");
  } else {
    extra["safetensors"] = json::parse(safetensors_json);
  }
  return extra.empty() ? std::string() : json::serialize(extra);
}

}  // namespace

void derive_content_metadata(RepoRecord& repo, GitRepo& git, BlobStore& blobs) {
  RepoFiles input;
  input.files = repo.siblings;
  input.read_prefix = [&](std::string_view path, size_t max_bytes) -> std::optional<std::string> {
    const RepoFile* file = input.find(path);
    if (!file || !file->blob_id) return std::nullopt;
    try {
      // Derivation wants a safetensors header, never the weights; a Xet-backed object is read too.
      if (file->lfs_sha256) return blobs.read_prefix(repo.object_id, *file->lfs_sha256, max_bytes);
      return git.read_blob(*file->blob_id, max_bytes);
    } catch (const std::exception&) {
      return std::nullopt;  // an unreadable file only leaves its field empty
    }
  };

  DerivedMetadata derived = derive_repo_metadata(repo.type, input);
  repo.card_data_json = std::move(derived.card_data_json);
  repo.tags = std::move(derived.tags);
  repo.pipeline_tag = std::move(derived.pipeline_tag);
  repo.library_name = std::move(derived.library_name);
  repo.config_json = std::move(derived.config_json);
  repo.used_storage = derived.used_storage;
  // A space's sdk was chosen at creation; a card that names none does not unset it.
  if (repo.type == RepoType::Space && derived.sdk) repo.sdk = std::move(derived.sdk);
  repo.extra_json = with_safetensors(repo.extra_json, derived.safetensors_json);
}

}  // namespace hfhub::server
