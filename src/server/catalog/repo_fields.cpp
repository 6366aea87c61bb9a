#include "server/catalog/repo_fields.h"

#include <boost/json.hpp>

#include <algorithm>
#include <array>

#include "common/iso_time.h"

namespace hfhub::server {

namespace {

using F = RepoField;

struct NamedField {
  std::string_view name;
  RepoField field;
};

constexpr std::array<NamedField, 21> kFieldNames = {{
    {"author", F::Author},
    {"sha", F::Sha},
    {"lastModified", F::LastModified},
    {"private", F::Private},
    {"gated", F::Gated},
    {"disabled", F::Disabled},
    {"downloads", F::Downloads},
    {"downloadsAllTime", F::DownloadsAllTime},
    {"likes", F::Likes},
    {"trendingScore", F::TrendingScore},
    {"tags", F::Tags},
    {"pipeline_tag", F::PipelineTag},
    {"library_name", F::LibraryName},
    {"sdk", F::Sdk},
    {"createdAt", F::CreatedAt},
    {"siblings", F::Siblings},
    {"cardData", F::CardData},
    {"config", F::Config},
    {"usedStorage", F::UsedStorage},
    {"modelId", F::ModelId},
    {"xetEnabled", F::XetEnabled},
}};

// expand values that live in a record's extra JSON, per type (docs/hub-behaviour.md#expand-values).
constexpr std::array<std::string_view, 15> kModelExtra = {
    "baseModels", "childrenModelCount", "evalResults",   "gguf",        "inference", "inferenceProviderMapping",
    "mask_token", "model-index",        "resourceGroup", "safetensors", "spaces",    "transformersInfo",
    "widgetData", "securityRepoStatus", "gitalyUid"};
constexpr std::array<std::string_view, 5> kDatasetExtra = {"citation", "description", "mainSize", "paperswithcode_id",
                                                           "resourceGroup"};
constexpr std::array<std::string_view, 7> kSpaceExtra = {"datasets", "models",    "region", "resourceGroup",
                                                         "runtime",  "subdomain", "host"};

bool is_extra_for(RepoType type, std::string_view name) {
  auto in = [&](const auto& list) { return std::find(list.begin(), list.end(), name) != list.end(); };
  switch (type) {
    case RepoType::Model:
      return in(kModelExtra);
    case RepoType::Dataset:
      return in(kDatasetExtra);
    case RepoType::Space:
      return in(kSpaceExtra);
  }
  return false;
}

bool applies_to(RepoType type, RepoField f) {
  switch (f) {
    case F::PipelineTag:
    case F::LibraryName:
    case F::Config:
    case F::ModelId:
      return type == RepoType::Model;
    case F::Downloads:
    case F::DownloadsAllTime:
      return type != RepoType::Space;
    case F::Sdk:
      return type == RepoType::Space;
    default:
      return true;
  }
}

void write_gated(JsonWriter& w, Gated g) {
  if (g == Gated::No)
    w.value(false);
  else
    w.value(gated_name(g));
}

void write_siblings(JsonWriter& w, const std::vector<Sibling>& siblings, bool blobs) {
  w.begin_array();
  for (auto& s : siblings) {
    w.begin_object().key("rfilename").value(s.rfilename);
    if (blobs) {
      if (s.size) w.key("size").value(*s.size);
      if (s.blob_id) w.key("blobId").value(*s.blob_id);
      if (s.lfs_sha256) {
        w.key("lfs").begin_object().key("sha256").value(*s.lfs_sha256).key("size").value(s.lfs_size.value_or(0));
        w.key("pointerSize").value(int64_t(134)).end_object();
      }
    }
    w.end_object();
  }
  w.end_array();
}

}  // namespace

RepoFieldSet RepoFieldSet::list_default(RepoType type) {
  RepoFieldSet s;
  s.add(F::Likes).add(F::TrendingScore).add(F::Private).add(F::Tags).add(F::CreatedAt);
  switch (type) {
    case RepoType::Model:
      s.add(F::Downloads).add(F::PipelineTag).add(F::LibraryName).add(F::ModelId);
      break;
    case RepoType::Dataset:
      s.add(F::Author).add(F::Sha).add(F::LastModified).add(F::Gated).add(F::Disabled).add(F::Downloads);
      s.extra_keys = {"description"};
      break;
    case RepoType::Space:
      s.add(F::Sdk);
      break;
  }
  return s;
}

RepoFieldSet RepoFieldSet::list_full(RepoType type) {
  RepoFieldSet s = list_default(type);
  s.add(F::Author).add(F::Sha).add(F::LastModified).add(F::Gated).add(F::Disabled).add(F::Siblings);
  return s;
}

RepoFieldSet RepoFieldSet::info(RepoType type) {
  RepoFieldSet s = list_full(type);
  s.add(F::CardData).add(F::UsedStorage).add(F::Config).add(F::DownloadsAllTime).add(F::XetEnabled);
  s.all_extra = true;
  return s;
}

RepoFieldSet RepoFieldSet::expand(RepoType type, const std::vector<std::string>& names) {
  RepoFieldSet s;
  for (auto& n : names) {
    auto it = std::find_if(kFieldNames.begin(), kFieldNames.end(), [&](auto& nf) { return nf.name == n; });
    if (it != kFieldNames.end()) {
      if (it->field != F::ModelId) s.add(it->field);
    } else if (is_extra_for(type, n)) {
      s.extra_keys.push_back(n);
    }
  }
  return s;
}

void write_repo(JsonWriter& w, const RepoRowView& r, const RepoFieldSet& fs) {
  auto want = [&](RepoField f) { return fs.has(f) && applies_to(r.type, f); };
  w.begin_object();
  w.key("_id").value(r.object_id);
  w.key("id").value(r.id);
  if (want(F::Author)) w.key("author").value(r.author);
  if (want(F::Sha) && !r.sha.empty()) w.key("sha").value(r.sha);
  if (want(F::LastModified)) w.key("lastModified").value(format_iso8601_ms(r.last_modified_ms));
  if (want(F::Private)) w.key("private").value(r.is_private);
  if (want(F::Gated)) {
    w.key("gated");
    write_gated(w, r.gated);
  }
  if (want(F::Disabled)) w.key("disabled").value(r.disabled);
  if (want(F::Downloads)) w.key("downloads").value(r.downloads);
  if (want(F::DownloadsAllTime)) w.key("downloadsAllTime").value(r.downloads_all_time);
  if (want(F::Likes)) w.key("likes").value(r.likes);
  if (want(F::TrendingScore)) w.key("trendingScore").value(r.trending_score);
  if (want(F::Tags)) {
    w.key("tags").begin_array();
    for_each_tag(r.tags, [&w](std::string_view t) { w.value(t); });
    w.end_array();
  }
  if (want(F::PipelineTag) && r.pipeline_tag) w.key("pipeline_tag").value(*r.pipeline_tag);
  if (want(F::LibraryName) && r.library_name) w.key("library_name").value(*r.library_name);
  if (want(F::Sdk) && r.sdk) w.key("sdk").value(*r.sdk);
  if (want(F::CreatedAt)) w.key("createdAt").value(format_iso8601_ms(r.created_at_ms));
  if (want(F::ModelId)) w.key("modelId").value(r.id);
  if (want(F::Siblings)) {
    static const std::vector<Sibling> none;
    w.key("siblings");
    write_siblings(w, r.siblings ? *r.siblings : none, fs.sibling_blobs);
  }
  if (want(F::CardData) && !r.card_data_json.empty()) w.key("cardData").raw(r.card_data_json);
  if (want(F::Config) && !r.config_json.empty()) w.key("config").raw(r.config_json);
  if (want(F::UsedStorage)) w.key("usedStorage").value(r.used_storage);
  // Python 0.30-0.35 uploads through Xet only when this says so (docs/xet.md#negotiation).
  if (want(F::XetEnabled)) w.key("xetEnabled").value(true);
  if ((fs.all_extra || !fs.extra_keys.empty()) && !r.extra_json.empty()) {
    boost::system::error_code ec;
    auto extra = boost::json::parse(r.extra_json, ec);
    if (!ec && extra.is_object()) {
      for (auto& [k, v] : extra.as_object()) {
        std::string_view key = k;
        // A stored extra never shadows a first-class field.
        if (key == "_id" || key == "id" ||
            std::any_of(kFieldNames.begin(), kFieldNames.end(), [&](auto& nf) { return nf.name == key; }))
          continue;
        bool selected =
            fs.all_extra || std::find(fs.extra_keys.begin(), fs.extra_keys.end(), key) != fs.extra_keys.end();
        if (selected) w.key(key).raw(boost::json::serialize(v));
      }
    }
  }
  w.end_object();
}

void write_repo(JsonWriter& w, const RepoRecord& repo, const RepoFieldSet& fields) {
  std::string joined_tags;
  write_repo(w, view_of(repo, joined_tags), fields);
}

}  // namespace hfhub::server
