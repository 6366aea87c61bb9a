#include "client/content/lfs_files.h"

#include <boost/json.hpp>

#include "client/api/pagination.h"
#include "client/content/content_urls.h"
#include "client/json/content_json.h"

namespace hfhub::client {

namespace json = boost::json;

Paginated<LfsFileInfo> list_lfs_files(std::shared_ptr<Session> session, std::string_view repo_id,
                                      const RepoCall& call) {
  auto url = content_api_url(*session, call.repo_type, repo_id, "lfs-files");
  return paginate<LfsFileInfo>(std::move(session), std::move(url), parse_lfs_file, std::nullopt);
}

json::object lfs_deletion_body(const std::vector<LfsFileInfo>& files, size_t begin, size_t end, bool rewrite_history) {
  json::array shas;
  // As Python does: `fileOid` is documented as the identifier a deletion names (the sha256).
  for (size_t i = begin; i < end; ++i) shas.emplace_back(files[i].file_oid);
  return json::object{{"deletions", json::object{{"sha", std::move(shas)}, {"rewriteHistory", rewrite_history}}}};
}

void permanently_delete_lfs_files(Session& session, std::string_view repo_id, const std::vector<LfsFileInfo>& files,
                                  bool rewrite_history, const RepoCall& call) {
  auto url = content_api_url(session, call.repo_type, repo_id, "lfs-files", "batch");
  for (size_t begin = 0; begin < files.size(); begin += kLfsDeletionBatch) {
    size_t end = std::min(files.size(), begin + kLfsDeletionBatch);
    session.send_json("POST", url, lfs_deletion_body(files, begin, end, rewrite_history));
  }
}

}  // namespace hfhub::client
