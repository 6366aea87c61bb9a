#include "client/content/safetensors.h"

#include <boost/json.hpp>
#include <set>

#include "client/content/content_urls.h"
#include "client/content/file_metadata.h"
#include "common/repo_path.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

[[noreturn]] void parse_error(std::string_view what, const std::string& reason) {
  throw SafetensorsParsingError("Failed to parse safetensors header for " + std::string(what) + ": " + reason);
}

// "'file' (repo 'ns/name', revision 'main')", as Python names a file in its errors.
std::string describe(std::string_view repo_id, std::string_view filename, const RepoCall& call) {
  return "'" + std::string(filename) + "' (repo '" + std::string(repo_id) + "', revision '" + revision_or_main(call) +
         "')";
}

int64_t required_int(const json::value& v, std::string_view what) {
  if (!v.is_int64() && !v.is_uint64()) parse_error(what, "expected an integer");
  return v.to_number<int64_t>();
}

TensorInfo parse_tensor(const std::string& name, const json::value& v, std::string_view what) {
  const json::object* t = v.if_object();
  if (!t) parse_error(what, "tensor '" + name + "' is not an object");
  const json::value* dtype = t->if_contains("dtype");
  const json::value* shape = t->if_contains("shape");
  const json::value* offsets = t->if_contains("data_offsets");
  if (!dtype || !dtype->is_string() || !shape || !shape->is_array() || !offsets || !offsets->is_array() ||
      offsets->as_array().size() != 2)
    parse_error(what, "tensor '" + name + "' needs dtype, shape and two data_offsets");
  TensorInfo info;
  info.dtype = std::string(dtype->as_string());
  info.parameter_count = 1;  // a scalar (shape []) is one parameter
  for (const auto& dim : shape->as_array()) {
    info.shape.push_back(required_int(dim, what));
    info.parameter_count *= info.shape.back();
  }
  info.data_offsets = {required_int(offsets->as_array()[0], what), required_int(offsets->as_array()[1], what)};
  return info;
}

// Metadata values are strings in the format; anything else is kept as its JSON text.
std::map<std::string, std::string> text_map(const json::object& o) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : o) out[std::string(k)] = v.is_string() ? std::string(v.as_string()) : json::serialize(v);
  return out;
}

std::string get_range(Session& session, const std::string& url, uint64_t first, uint64_t last) {
  HttpRequest request{"GET", url, {}, {}};
  request.header("Range", "bytes=" + std::to_string(first) + "-" + std::to_string(last));
  return session.send(std::move(request)).body;
}

bool exists(Session& session, std::string_view repo_id, std::string_view filename, const RepoCall& call) {
  try {
    get_file_metadata(session, resolve_url(session, repo_id, filename, call));
    return true;
  } catch (const EntryNotFoundError&) {
    return false;
  }
}

void add_counts(std::map<std::string, int64_t>& total, const std::map<std::string, int64_t>& counts) {
  for (const auto& [dtype, n] : counts) total[dtype] += n;
}

}  // namespace

uint64_t safetensors_header_length(std::string_view first_bytes, std::string_view what) {
  if (first_bytes.size() < 8) parse_error(what, "the file is shorter than the 8-byte header length");
  uint64_t length = 0;
  for (int i = 7; i >= 0; --i) length = (length << 8) | static_cast<unsigned char>(first_bytes[size_t(i)]);
  if (length > kSafetensorsMaxHeaderLength)
    parse_error(what, "safetensors header is too big. Maximum supported size is " +
                          std::to_string(kSafetensorsMaxHeaderLength) + " bytes (got " + std::to_string(length) + ").");
  return length;
}

SafetensorsFileMetadata parse_safetensors_header(std::string_view header_json, std::string_view what) {
  boost::system::error_code ec;
  json::value header = json::parse(header_json, ec);
  if (ec || !header.is_object()) parse_error(what, "the header is not a JSON object");
  SafetensorsFileMetadata file;
  for (const auto& [key, value] : header.as_object()) {
    std::string name(key);
    if (name == "__metadata__") {
      if (!value.is_object()) parse_error(what, "__metadata__ is not an object");
      file.metadata = text_map(value.as_object());
      continue;
    }
    TensorInfo tensor = parse_tensor(name, value, what);
    file.parameter_count[tensor.dtype] += tensor.parameter_count;
    file.tensors.emplace(std::move(name), std::move(tensor));
  }
  return file;
}

SafetensorsFileMetadata parse_safetensors_file_metadata(Session& session, std::string_view repo_id,
                                                        std::string_view filename, const RepoCall& call) {
  std::string what = describe(repo_id, filename, call);
  std::string url = resolve_url(session, repo_id, filename, call);
  std::string first = get_range(session, url, 0, kSafetensorsFirstRangeEnd);
  uint64_t length = safetensors_header_length(first, what);
  std::string header;
  if (length <= first.size() - 8) {
    header = first.substr(8, length);
  } else {
    header = get_range(session, url, 8, length + 7);
    if (header.size() < length) parse_error(what, "the file ends inside its header");
    header.resize(length);
  }
  return parse_safetensors_header(header, what);
}

SafetensorsRepoMetadata get_safetensors_metadata(Session& session, std::string_view repo_id, const RepoCall& call) {
  SafetensorsRepoMetadata repo;
  if (exists(session, repo_id, kSafetensorsSingleFile, call)) {
    auto file = parse_safetensors_file_metadata(session, repo_id, kSafetensorsSingleFile, call);
    for (const auto& [name, tensor] : file.tensors) repo.weight_map[name] = std::string(kSafetensorsSingleFile);
    repo.parameter_count = file.parameter_count;
    repo.files_metadata.emplace(kSafetensorsSingleFile, std::move(file));
    return repo;
  }
  if (!exists(session, repo_id, kSafetensorsIndexFile, call))
    throw NotASafetensorsRepoError("'" + std::string(repo_id) + "' is not a safetensors repo. Couldn't find '" +
                                   std::string(kSafetensorsIndexFile) + "' or '" + std::string(kSafetensorsSingleFile) +
                                   "' files.");

  std::string what = describe(repo_id, kSafetensorsIndexFile, call);
  std::string url = resolve_url(session, repo_id, kSafetensorsIndexFile, call);
  boost::system::error_code ec;
  json::value index = json::parse(session.get(url).body, ec);
  if (ec || !index.is_object()) parse_error(what, "the index is not a JSON object");
  repo.sharded = true;
  if (const json::value* metadata = index.as_object().if_contains("metadata"); metadata && metadata->is_object())
    for (const auto& [k, v] : metadata->as_object()) repo.metadata[std::string(k)] = json::serialize(v);
  const json::value* weight_map = index.as_object().if_contains("weight_map");
  if (!weight_map || !weight_map->is_object()) parse_error(what, "the index has no weight_map object");
  std::set<std::string> shards;
  for (const auto& [tensor, file] : weight_map->as_object()) {
    if (!file.is_string() || repo_path_error(file.as_string()))
      parse_error(what, "tensor '" + std::string(tensor) + "' maps to an invalid file name");
    repo.weight_map[std::string(tensor)] = std::string(file.as_string());
    shards.insert(std::string(file.as_string()));
  }
  for (const auto& shard : shards) {
    auto file = parse_safetensors_file_metadata(session, repo_id, shard, call);
    add_counts(repo.parameter_count, file.parameter_count);
    repo.files_metadata.emplace(shard, std::move(file));
  }
  return repo;
}

}  // namespace hfhub::client
