// File downloads (docs/hub-behaviour.md#file-downloads): GET|HEAD /{repo}/resolve/{rev}/{path} serves a file's
// content (an LFS file's object from the blob store, zero-copy, or a 302 to the object store's
// presigned URL), /raw/ the git blob itself (an LFS
// file's pointer text). Datasets and spaces under /datasets/ and /spaces/.
#include <algorithm>

#include "server/content/repo_read_service.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"
#include "server/routes/support/byte_range.h"
#include "server/routes/support/download_headers.h"
#include "server/routes/support/revision_path.h"
#include "server/routes/support/xet_links.h"

namespace hfhub::server {

namespace {

enum class View { Resolve, Raw };

bool no_content_disposition(const Request& request) {
  auto v = request.query.get("noContentDisposition");
  return v && *v != "0" && *v != "false" && *v != "False";
}

// `leading` is how many fixed segments precede the repo id ("datasets": 1, models: 0).
FileAtCommit locate(const Call& c, RepoType type, size_t leading) {
  const auto& id = c.params["repo"];
  size_t skip = leading + size_t(std::count(id.begin(), id.end(), '/')) + 2;  // repo segments + "resolve"
  auto segments = raw_segments(c.request.path);
  segments.erase(segments.begin(), segments.begin() + std::min(skip, segments.size()));
  auto target = split_revision_path(segments);
  if (!target) throw DomainError(ErrorKind::BadRequest, "Malformed percent-encoding in path");
  return c.services.reads().file(c.caller, type, id, target->revision, target->path);
}

// A Xet-backed file (docs/xet.md#resolve): hf.js asks for the fileinfo answer and downloads
// through the CAS; every other client gets the bytes, reconstructed here.
Response xet_fileinfo(const FileAtCommit& t, const XetFileLinks& links, Response res) {
  res.headers.emplace_back("Content-Type", std::string(kXetFileInfoType));
  res.body = xet_fileinfo_json(links, uint64_t(t.entry.lfs->size), t.entry.lfs->oid);
  return res;
}

// The body of a resolve: the LFS object (sendfile), a Xet reconstruction (a pipe the stream
// pool fills, `from_xet`), or the git blob.
void attach_body(const Call& c, const FileAtCommit& t, bool lfs, const std::optional<XetRepoFile>& xet, bool from_xet,
                 ByteRange slice, Response& res) {
  const bool head = c.request.method == "HEAD";
  if (from_xet) {
    if (head || slice.length() <= 0) {
      res.headers.emplace_back("Content-Length", std::to_string(std::max<int64_t>(slice.length(), 0)));
      return;
    }
    res.stream = c.services.xet_files().stream(*xet, uint64_t(slice.first), uint64_t(slice.length()));
    if (!res.stream)
      throw entry_not_found(t.commit, "Entry not found: the Xet file behind " + t.entry.path + " is gone");
  } else if (lfs) {
    res.file = FileSlice{c.services.reads().open_lfs_object(t), slice.first, slice.length()};
  } else if (head) {
    res.headers.emplace_back("Content-Length", std::to_string(slice.length()));  // no need to read the blob
  } else if (slice.length() > 0) {
    res.body = c.services.reads().read_blob(t, size_t(slice.last + 1));
    if (slice.first > 0) res.body.erase(0, size_t(slice.first));
  }
}

Response serve(const Call& c, RepoType type, size_t leading, View view) {
  auto t = locate(c, type, leading);
  const bool lfs = view == View::Resolve && t.entry.lfs;
  const std::string& tag = lfs ? t.entry.lfs->oid : t.entry.oid;
  const int64_t total = lfs ? t.entry.lfs->size : t.entry.size;
  // RepoReadService::file found the repo's Xet file for an LFS pointer, if it has one.
  const std::optional<XetRepoFile> xet = lfs ? t.xet : std::nullopt;

  Response res;
  res.headers.reserve(11);
  res.headers.emplace_back("X-Repo-Commit", t.commit);
  res.headers.emplace_back("ETag", quoted_etag(tag));
  if (lfs) {
    res.headers.emplace_back("X-Linked-Etag", quoted_etag(tag));
    res.headers.emplace_back("X-Linked-Size", std::to_string(total));
  }
  if (xet) {
    auto links = xet_file_links(xet->file_hash, c.services.base_url(c.request), c.services.xet_cas_url(c.request), type,
                                t.repo.id, t.commit);
    add_xet_headers(res, links);
    if (view == View::Resolve && wants_xet_fileinfo(c.request)) return xet_fileinfo(t, links, std::move(res));
  }
  res.headers.emplace_back("Accept-Ranges", "bytes");
  if (if_none_match_hits(c.request.header("if-none-match"), tag)) {
    res.status = 304;
    return res;
  }
  // A Xet file whose LFS object is not stored is reconstructed here; any other LFS object may
  // live in an object store that serves it itself (docs/hub-behaviour.md#file-downloads): the
  // client follows the 302 and sends its Range there.
  const auto delivery = lfs ? c.services.reads().lfs_delivery(t) : LfsDelivery{};
  const bool from_xet = delivery.source == LfsDelivery::Source::Xet;
  if (delivery.source == LfsDelivery::Source::Redirect) {
    res.status = 302;
    res.headers.emplace_back("Location", delivery.url);
    return res;
  }
  res.headers.emplace_back("Content-Type", std::string(download_content_type(t.entry.path)));
  res.headers.emplace_back("Content-Security-Policy", kFileContentSecurityPolicy);
  if (!no_content_disposition(c.request))
    res.headers.emplace_back("Content-Disposition", content_disposition(t.entry.path));

  auto range = parse_range(c.request.header("range"), total);
  ByteRange slice{0, total - 1};
  if (range.kind == RangeRequest::Partial) {
    res.status = 206;
    slice = range.range;
    res.headers.emplace_back("Content-Range", content_range(slice, total));
  } else if (range.kind == RangeRequest::Unsatisfiable) {
    if (total > 0)
      throw DomainError(ErrorKind::RangeNotSatisfiable, "Requested range not satisfiable")
          .with_header("Content-Range", unsatisfied_content_range(total))
          .with_header("X-Repo-Commit", t.commit);
    // An empty file has no byte to address, yet JS reads its size from Content-Range
    // (`bytes=0-0` probe): answer the whole (empty) file and still say its size.
    res.headers.emplace_back("Content-Range", unsatisfied_content_range(0));
  }
  attach_body(c, t, lfs, xet, from_xet, slice, res);
  return res;
}

Handler handler(RepoType type, size_t leading, View view) {
  return [=](const Call& c) { return serve(c, type, leading, view); };
}

}  // namespace

void add_file_routes(RouteTable& t) {
  t.add("GET", "/datasets/{repo:repo}/resolve/{rest*}", handler(RepoType::Dataset, 1, View::Resolve));
  t.add("GET", "/spaces/{repo:repo}/resolve/{rest*}", handler(RepoType::Space, 1, View::Resolve));
  t.add("GET", "/datasets/{repo:repo}/raw/{rest*}", handler(RepoType::Dataset, 1, View::Raw));
  t.add("GET", "/spaces/{repo:repo}/raw/{rest*}", handler(RepoType::Space, 1, View::Raw));
  t.add("GET", "/{repo:repo}/resolve/{rest*}", handler(RepoType::Model, 0, View::Resolve));
  t.add("GET", "/{repo:repo}/raw/{rest*}", handler(RepoType::Model, 0, View::Raw));
}

}  // namespace hfhub::server
