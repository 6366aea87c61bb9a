#pragma once
// Which fields of a repo a response carries, and the writer that emits them. Listings, `expand`
// and repo info are all one writer with a different selection.
#include <bitset>
#include <string>
#include <string_view>
#include <vector>

#include "common/json_writer.h"
#include "server/model/repo.h"
#include "server/model/repo_row.h"

namespace hfhub::server {

enum class RepoField {
  Author,
  Sha,
  LastModified,
  Private,
  Gated,
  Disabled,
  Downloads,
  DownloadsAllTime,
  Likes,
  TrendingScore,
  Tags,
  PipelineTag,
  LibraryName,
  Sdk,
  CreatedAt,
  ModelId,
  Siblings,
  CardData,
  Config,
  UsedStorage,
  XetEnabled,  // always true: every repo takes Xet uploads (docs/xet.md#negotiation)
  Count
};

struct RepoFieldSet {
  std::bitset<size_t(RepoField::Count)> fields;
  // Keys of the record's extra JSON to include; all_extra takes every one.
  std::vector<std::string> extra_keys;
  bool all_extra = false;
  bool sibling_blobs = false;  // size/blobId/lfs in siblings (repo info ?blobs=true)

  RepoFieldSet& add(RepoField f) {
    fields.set(size_t(f));
    return *this;
  }
  bool has(RepoField f) const { return fields.test(size_t(f)); }

  static RepoFieldSet list_default(RepoType type);
  static RepoFieldSet list_full(RepoType type);
  static RepoFieldSet info(RepoType type);
  // `expand` values: known names select fields, other names select extra keys when the type
  // allows them, unknown names are ignored (JS sends gitalyUid).
  static RepoFieldSet expand(RepoType type, const std::vector<std::string>& names);
};

void write_repo(JsonWriter& w, const RepoRowView& repo, const RepoFieldSet& fields);
void write_repo(JsonWriter& w, const RepoRecord& repo, const RepoFieldSet& fields);

}  // namespace hfhub::server
