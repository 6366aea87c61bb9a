#include "server/routes/support/xet_links.h"

#include "common/json_writer.h"
#include "server/xet/xet_files.h"

namespace hfhub::server {

XetFileLinks xet_file_links(const XetRepoFile& file, std::string_view base_url, std::string_view cas_url, RepoType type,
                            std::string_view repo_id, std::string_view commit) {
  XetFileLinks out;
  out.hash = file.file_hash.hex();
  out.refresh_url = std::string(base_url) + "/api/" + std::string(repo_type_plural(type)) + "/" + std::string(repo_id) +
                    "/xet-read-token/" + std::string(commit);
  out.reconstruction_url = std::string(cas_url) + "/v1/reconstructions/" + out.hash;
  return out;
}

void add_xet_headers(Response& res, const XetFileLinks& links) {
  res.headers.emplace_back("X-Xet-Hash", links.hash);
  res.headers.emplace_back("Link", "<" + links.refresh_url + ">; rel=\"xet-auth\", <" + links.reconstruction_url +
                                       ">; rel=\"xet-reconstruction-info\"");
}

bool wants_xet_fileinfo(const Request& request) {
  auto accept = request.header("accept");
  return accept && accept->find(kXetFileInfoType) != std::string_view::npos;
}

std::string xet_fileinfo_json(const XetFileLinks& links, uint64_t size, std::string_view etag) {
  JsonWriter w;
  w.begin_object();
  w.key("hash").value(links.hash);
  w.key("size").value(int64_t(size));
  w.key("etag").value(etag);
  w.key("refreshUrl").value(links.refresh_url);
  w.key("reconstructionUrl").value(links.reconstruction_url);
  w.end_object();
  return w.take();
}

}  // namespace hfhub::server
