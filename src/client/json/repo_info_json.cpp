#include "client/json/repo_info_json.h"

#include "client/json/json_fields.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

std::optional<GatedMode> parse_gated(const json::value* v) {
  if (!v) return std::nullopt;
  if (v->is_bool()) return v->as_bool() ? GatedMode::Auto : GatedMode::Off;
  if (v->is_string()) return parse_gated_mode(v->as_string());
  return std::nullopt;
}

static RepoSibling parse_sibling(const json::object& o) {
  RepoSibling s;
  s.rfilename = get_string(o, "rfilename").value_or("");
  s.size = get_int(o, "size");
  s.blob_id = get_string(o, "blobId");
  if (auto* lfs = get_object(o, "lfs")) {
    BlobLfsInfo info;
    info.size = get_int(*lfs, "size").value_or(0);
    info.sha256 = get_string(*lfs, "sha256").value_or("");
    info.pointer_size = get_int(*lfs, "pointerSize");
    s.lfs = info;
  }
  return s;
}

static void parse_common(const json::object& o, RepoInfo& r) {
  r.id = get_string(o, "id").value_or(get_string(o, "modelId").value_or(""));
  r.object_id = get_string(o, "_id");
  r.author = get_string(o, "author");
  r.sha = get_string(o, "sha");
  r.created_at = get_string(o, "createdAt");
  r.last_modified = get_string(o, "lastModified");
  r.private_ = get_bool(o, "private");
  r.gated = parse_gated(o.if_contains("gated"));
  r.disabled = get_bool(o, "disabled");
  r.downloads = get_int(o, "downloads");
  r.downloads_all_time = get_int(o, "downloadsAllTime");
  r.likes = get_int(o, "likes");
  r.tags = get_string_list(o, "tags");
  r.card_data = get_raw(o, "cardData");
  if (auto* v = o.if_contains("siblings"); v && v->is_array()) {
    std::vector<RepoSibling> siblings;
    for (const auto& item : v->as_array())
      if (item.is_object()) siblings.push_back(parse_sibling(item.as_object()));
    r.siblings = std::move(siblings);
  }
  r.trending_score = get_double(o, "trendingScore");
  r.used_storage = get_int(o, "usedStorage");
  r.raw_json = json::serialize(o);
}

ModelInfo parse_model_info(const json::object& o) {
  ModelInfo m;
  parse_common(o, m);
  m.pipeline_tag = get_string(o, "pipeline_tag");
  m.library_name = get_string(o, "library_name");
  m.mask_token = get_string(o, "mask_token");
  m.inference = get_string(o, "inference");
  m.config = get_raw(o, "config");
  m.transformers_info = get_raw(o, "transformersInfo");
  m.gguf = get_raw(o, "gguf");
  if (auto* st = get_object(o, "safetensors")) {
    SafeTensorsInfo info;
    if (auto* params = get_object(*st, "parameters"))
      for (const auto& [dtype, count] : *params)
        if (count.is_number()) info.parameters[std::string(dtype)] = count.to_number<int64_t>();
    info.total = get_int(*st, "total").value_or(0);
    m.safetensors = std::move(info);
  }
  m.spaces = get_string_list(o, "spaces");
  m.security_repo_status = get_raw(o, "securityRepoStatus");
  return m;
}

DatasetInfo parse_dataset_info(const json::object& o) {
  DatasetInfo d;
  parse_common(o, d);
  d.description = get_string(o, "description");
  d.citation = get_string(o, "citation");
  d.paperswithcode_id = get_string(o, "paperswithcode_id");
  return d;
}

SpaceInfo parse_space_info(const json::object& o) {
  SpaceInfo s;
  parse_common(o, s);
  s.sdk = get_string(o, "sdk");
  s.host = get_string(o, "host");
  s.subdomain = get_string(o, "subdomain");
  s.runtime = get_raw(o, "runtime");
  s.models = get_string_list(o, "models");
  s.datasets = get_string_list(o, "datasets");
  s.region = get_string(o, "region");
  return s;
}

static const json::object& require_object(const json::value& v, const char* what) {
  if (!v.is_object()) throw InvalidResponseError(std::string("Expected a JSON object for ") + what);
  return v.as_object();
}

ModelInfo parse_model_info(const json::value& v) { return parse_model_info(require_object(v, "a model")); }
DatasetInfo parse_dataset_info(const json::value& v) { return parse_dataset_info(require_object(v, "a dataset")); }
SpaceInfo parse_space_info(const json::value& v) { return parse_space_info(require_object(v, "a space")); }

}  // namespace hfhub::client
