#include "server/content/sharded_safetensors.h"

#include <boost/json.hpp>
#include <set>

#include "common/posix_io.h"
#include "common/repo_path.h"
#include "server/metadata/safetensors_header.h"
#include "server/model/domain_error.h"

namespace hfhub::server {

namespace {

namespace json = boost::json;

// An index lists tensor names, so a big model's runs to megabytes; this bounds what one request reads.
constexpr size_t kMaxIndexBytes = 64 << 20;

DomainError unreadable(const std::string& path, const std::string& why) {
  return DomainError(ErrorKind::UnprocessableParameter, "Cannot read '" + path + "' as safetensors metadata: " + why);
}

// The first `length` bytes of a file's content (an LFS file's object, not its pointer).
std::string read_prefix(RepoReadService& reads, const FileAtCommit& file, size_t length) {
  if (!file.entry.lfs) return reads.read_blob(file, length);
  return reads.read_lfs_prefix(file, length);
}

// The shard paths of an index's weight_map, relative to the index's folder as the format has it.
std::set<std::string> shard_paths(const json::value& index, const std::string& index_path) {
  const json::object* root = index.if_object();
  const json::value* map = root ? root->if_contains("weight_map") : nullptr;
  if (!map || !map->is_object()) throw unreadable(index_path, "no \"weight_map\" object");
  auto slash = index_path.rfind('/');
  std::string folder = slash == std::string::npos ? "" : index_path.substr(0, slash + 1);
  std::set<std::string> out;
  for (const auto& item : map->get_object()) {
    if (!item.value().is_string()) throw unreadable(index_path, "a weight_map value is not a file name");
    std::string path = folder + std::string(item.value().get_string());
    if (repo_path_error(path)) throw unreadable(index_path, "a weight_map value is not a valid path");
    out.insert(std::move(path));
  }
  return out;
}

json::value shard_header(RepoReadService& reads, const Caller& caller, std::string_view id, const std::string& path) {
  auto file = reads.file(caller, RepoType::Model, id, "main", path);
  auto extent = safetensors_header_extent(read_prefix(reads, file, 8));
  if (!extent || int64_t(*extent) > file.entry.content_size()) throw unreadable(path, "no safetensors header");
  boost::system::error_code ec;
  auto header = json::parse(std::string_view(read_prefix(reads, file, size_t(*extent))).substr(8), ec);
  if (ec || !header.is_object()) throw unreadable(path, "the header is not a JSON object");
  return header;
}

}  // namespace

ShardedSafetensors sharded_safetensors(RepoReadService& reads, const Caller& caller, std::string_view id,
                                       const std::string& index_path) {
  auto index_file = reads.file(caller, RepoType::Model, id, "main", index_path);
  if (index_file.entry.content_size() > int64_t(kMaxIndexBytes)) throw unreadable(index_path, "the index is too large");
  ShardedSafetensors out;
  boost::system::error_code ec;
  out.index = json::parse(read_prefix(reads, index_file, kMaxIndexBytes), ec);
  if (ec) throw unreadable(index_path, "the index is not JSON");
  for (auto& shard : shard_paths(out.index, index_path))
    out.headers.emplace_back(shard, shard_header(reads, caller, id, shard));
  return out;
}

}  // namespace hfhub::server
