#pragma once
// How the Hub advertises a Xet-backed file (docs/xet.md#resolve): the X-Xet-Hash header, a Link
// header with the read-token URL (rel="xet-auth") and the reconstruction URL
// (rel="xet-reconstruction-info"), and for hf.js the application/vnd.xet-fileinfo+json answer.
#include <string>
#include <string_view>

#include "hfhub/repo_id.h"
#include "server/http/request.h"
#include "server/http/response.h"
#include "server/xet/xet_file_stream.h"  // XetRepoFile (routes may not include stores)

namespace hfhub::server {

inline constexpr std::string_view kXetFileInfoType = "application/vnd.xet-fileinfo+json";

struct XetFileLinks {
  std::string hash;                // the file hash's string form
  std::string refresh_url;         // absolute: GET {hub}/api/{type}s/{id}/xet-read-token/{commit}
  std::string reconstruction_url;  // absolute: {casUrl}/v1/reconstructions/{hash}
};

// `base_url` is the Hub's absolute base, `cas_url` the CAS base clients get with their tokens.
XetFileLinks xet_file_links(const XetRepoFile& file, std::string_view base_url, std::string_view cas_url, RepoType type,
                            std::string_view repo_id, std::string_view commit);

// X-Xet-Hash and the Link header with both rels (hf.js needs `>; rel=` with a space).
void add_xet_headers(Response& res, const XetFileLinks& links);

// Whether the request's Accept header asks for the fileinfo answer (hf.js sends it with `*/*`).
bool wants_xet_fileinfo(const Request& request);

// {"hash","size","etag","refreshUrl","reconstructionUrl"}, the body of the fileinfo answer.
std::string xet_fileinfo_json(const XetFileLinks& links, uint64_t size, std::string_view etag);

}  // namespace hfhub::server
