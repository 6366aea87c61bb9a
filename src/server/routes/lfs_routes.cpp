// Git LFS (docs/hub-behaviour.md#lfs-batch, #other-write-endpoints):
//   POST /[datasets/|spaces/]{repo}.git/info/lfs/objects/batch   batch API (git-lfs, Python, JS)
//   POST /[datasets/|spaces/]{repo}.git/info/lfs/verify          verify action (Python only)
//   PUT|POST|GET /api/lfs-storage/...                            signed transfers (see lfs_service.h)
//   GET  /api/{type}/{repo}/lfs-files                            LFS objects in the history
//   POST /api/{type}/{repo}/lfs-files/batch                      permanent deletion
#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <limits>

#include "common/iso_time.h"
#include "common/json_writer.h"
#include "common/lfs_pointer.h"
#include "common/link_header.h"
#include "common/percent.h"
#include "server/content/repo_read_service.h"
#include "server/http/error_table.h"
#include "server/http/json_body.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"
#include "server/routes/support/page_link.h"

namespace hfhub::server {

namespace {

constexpr const char* kLfsContentType = "application/vnd.git-lfs+json";
constexpr size_t kMaxBatchObjects = 1000;
constexpr size_t kMaxDeletions = 1000;
constexpr int64_t kDefaultFilesPage = 100;
constexpr int64_t kMaxFilesPage = 1000;

std::optional<int64_t> parse_int(std::string_view text) {
  int64_t n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || p != text.data() + text.size()) return std::nullopt;
  return n;
}

std::optional<int64_t> json_int(const boost::json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= uint64_t(std::numeric_limits<int64_t>::max())) return int64_t(v.as_uint64());
  return std::nullopt;
}

DomainError unprocessable(std::string message) {
  return DomainError(ErrorKind::UnprocessableParameter, std::move(message));
}

// ---- batch API ----

// The `{repo}` of an LFS URL names the repository's git remote: "ns/name.git".
std::string repo_of_git_url(const Call& c) {
  const auto& segment = c.params["repo"];
  if (segment.size() <= 4 || !segment.ends_with(".git"))
    throw DomainError(ErrorKind::RepoNotFound, "Not a git repository URL: expected /{repo_id}.git/info/lfs/...");
  return segment.substr(0, segment.size() - 4);
}

// git-lfs reads `message` from error bodies and answers a 401 by asking for credentials
// (Basic, the token as password) when LFS-Authenticate says so.
template <class Handler>
Response lfs_api(const Call& c, Handler handler) {
  try {
    auto res = handler(c);
    res.set("Content-Type", kLfsContentType);
    return res;
  } catch (DomainError& e) {
    e.with_field("message", std::string(error_message(e)));
    if (error_status(e) == 401) e.with_header("LFS-Authenticate", "Basic realm=\"Hugging Face Hub\"");
    throw;
  }
}

LfsBatchRequest parse_batch(const JsonBody& body) {
  LfsBatchRequest req;
  auto operation = body.string("operation");
  if (operation == "upload")
    req.operation = LfsBatchRequest::Operation::Upload;
  else if (operation == "download")
    req.operation = LfsBatchRequest::Operation::Download;
  else
    throw unprocessable("Invalid 'operation': expected upload or download");

  // Python sends "sha256", JS "sha_256" (docs/hub-behaviour.md#upload-body-formats);
  // the LFS spec answers others with 409.
  if (auto algo = body.string("hash_algo"); algo && *algo != "sha256" && *algo != "sha_256")
    throw DomainError(ErrorKind::UnsupportedParameter, "Unsupported hash_algo '" + *algo + "': use sha256");

  if (auto* transfers = body.raw("transfers"); transfers && !transfers->is_null()) {
    if (!transfers->is_array()) throw unprocessable("Invalid 'transfers': expected an array of strings");
    for (auto& t : transfers->as_array())
      if (t.is_string()) req.transfers.emplace_back(t.as_string());
  } else {
    req.transfers.push_back("basic");  // the spec's default
  }

  if (auto* ref = body.raw("ref"); ref && ref->is_object())
    if (auto* name = ref->as_object().if_contains("name"); name && name->is_string())
      req.ref = std::string(name->as_string());

  auto* objects = body.raw("objects");
  if (!objects || !objects->is_array()) throw unprocessable("Invalid 'objects': expected an array");
  if (objects->as_array().size() > kMaxBatchObjects)
    throw DomainError(ErrorKind::PayloadTooLarge,
                      "Too many objects in one batch: at most " + std::to_string(kMaxBatchObjects));
  for (auto& o : objects->as_array()) {
    auto* fields = o.if_object();
    auto* oid = fields ? fields->if_contains("oid") : nullptr;
    auto* size = fields ? fields->if_contains("size") : nullptr;
    if (!oid || !oid->is_string() || !size || !json_int(*size))
      throw unprocessable("Invalid object: each needs a string 'oid' and an integer 'size'");
    req.objects.push_back({std::string(oid->as_string()), *json_int(*size)});
  }
  return req;
}

// docs/xet.md#negotiation: hf.js uploads with this token and refreshes it at `href`.
XetUploadOffer xet_offer(const Call& c, const RepoRecord& repo, const std::optional<std::string>& ref) {
  auto issued = c.services.xet_tokens().issue(repo.object_id, XetScope::Write, now_seconds());
  XetUploadOffer o;
  o.href = c.services.base_url(c.request) + "/api/" + std::string(repo_type_plural(repo.type)) + "/" + repo.id +
           "/xet-write-token/" + (ref ? percent_encode(*ref) : "main?create_pr=1");
  o.cas_url = c.services.xet_cas_url(c.request);
  o.access_token = issued.token;
  o.expires = issued.expires;
  o.session_id = c.request.request_id;
  return o;
}

Response batch(const Call& c, RepoType type) {
  auto id = repo_of_git_url(c);
  auto request = parse_batch(JsonBody::parse(c.request));
  // An upload without a ref is for a new pull request, which readers may open too
  // (docs/discussions.md#permissions).
  auto repo = request.operation == LfsBatchRequest::Operation::Upload
                  ? c.services.content().open_write_to(c.caller, type, id, request.ref.value_or(""), !request.ref)
                  : c.services.content().open_read(c.caller, type, id);
  LfsLinks links;
  links.base_url = c.services.base_url(c.request);
  // Beside the batch URL, as the client addressed it: /.../{repo}.git/info/lfs/verify.
  auto path = std::string_view(c.request.path);
  links.verify_href = links.base_url + std::string(path.substr(0, path.rfind("/objects/batch"))) + "/verify";
  if (auto auth = c.request.header("authorization")) links.authorization = std::string(*auth);
  links.xet_offer = [&c, &repo, &request] { return xet_offer(c, repo, request.ref); };
  links.xet_size = [&c, &repo](std::string_view oid) -> std::optional<int64_t> {
    auto file = c.services.xet_files().find(repo.object_id, oid);
    return file ? std::optional<int64_t>(int64_t(file->size)) : std::nullopt;
  };
  return Response::json(c.services.lfs().batch(repo, request, links));
}

// Python posts {oid, size} after an upload, with its Hub credentials.
Response verify(const Call& c, RepoType type) {
  auto repo = c.services.content().open_read(c.caller, type, repo_of_git_url(c));
  auto body = JsonBody::parse(c.request);
  auto oid = body.required_string("oid");
  auto* size_value = body.raw("size");
  auto size = size_value ? json_int(*size_value) : std::nullopt;
  if (!is_sha256_hex(oid) || !size) throw unprocessable("Expected {\"oid\": <sha256>, \"size\": <integer>}");
  auto stored = c.services.lfs().stored_size(repo.object_id, oid);
  if (!stored) throw DomainError(ErrorKind::LfsObjectNotFound, "Object " + oid + " was not uploaded to " + repo.id);
  if (*stored != *size)
    throw unprocessable("Object " + oid + " is stored with " + std::to_string(*stored) + " bytes, not " +
                        std::to_string(*size));
  return Response::json("{}");
}

// ---- signed transfers ----

// The transfer a signed URL describes; 403 unless its signature holds, 404 once the repository
// is gone (its objects went with it).
SignedTransfer signed_transfer(const Call& c, SignedTransfer::Action action) {
  SignedTransfer t;
  t.action = action;
  t.repo = c.params["repo"];
  t.oid = c.params["oid"];
  auto number = [&](std::string_view name, std::optional<std::string_view> text) {
    auto n = text ? parse_int(*text) : std::nullopt;
    if (!n) throw DomainError(ErrorKind::InvalidSignature, "Malformed transfer URL: bad '" + std::string(name) + "'");
    return *n;
  };
  t.size = number("size", c.request.query.get("size"));
  t.chunk = c.request.query.has("chunk") ? number("chunk", c.request.query.get("chunk")) : 0;
  t.expires = number("expires", c.request.query.get("expires"));
  t.staging = std::string(c.request.query.get("staged").value_or(""));
  if (action == SignedTransfer::Action::Part) t.part = number("part", c.params["part"]);
  c.services.lfs().authorize(t, c.request.query.get("sig").value_or(""));
  if (!c.services.repo_service().exists(t.repo))
    throw DomainError(ErrorKind::RepoNotFound, "This repository no longer exists");
  return t;
}

// Checked on the headers: a signed URL names its object's size, and no body (an object, or
// one part of it) may announce more than that.
void signed_upload_precheck(const Call& c, SignedTransfer::Action action) {
  auto t = signed_transfer(c, action);
  auto length = c.request.header("content-length");
  auto announced = length ? parse_int(*length) : std::nullopt;
  if (announced && *announced > t.size)
    throw DomainError(ErrorKind::PayloadTooLarge,
                      "The body is larger than the " + std::to_string(t.size) + "-byte object this URL was signed for");
}

// Large bodies arrive spooled and hashed by the transport; small ones in memory.
std::shared_ptr<SpooledBody> body_file(const Call& c) {
  return c.request.spooled ? c.request.spooled : c.services.lfs().spool(c.request.body);
}

Response put_object(const Call& c) {
  auto t = signed_transfer(c, SignedTransfer::Action::Upload);
  c.services.lfs().receive_object(t, *body_file(c));
  return Response::json("{}");
}

Response put_part(const Call& c) {
  auto t = signed_transfer(c, SignedTransfer::Action::Part);
  auto etag = c.services.lfs().receive_part(t, *body_file(c));
  auto res = Response::json("{}");
  res.set("ETag", etag);
  return res;
}

Response complete_multipart(const Call& c) {
  auto t = signed_transfer(c, SignedTransfer::Action::Upload);
  auto body = JsonBody::parse(c.request);
  if (auto oid = body.string("oid"); oid && *oid != t.oid)
    throw DomainError(ErrorKind::BadRequest, "Completion names oid " + *oid + ", this URL uploads " + t.oid);
  auto* parts = body.raw("parts");
  if (!parts || !parts->is_array()) throw DomainError(ErrorKind::BadRequest, "Invalid 'parts': expected an array");
  std::vector<MultipartPart> list;
  for (auto& p : parts->as_array()) {
    auto* fields = p.if_object();
    auto* number = fields ? fields->if_contains("partNumber") : nullptr;
    auto* etag = fields ? fields->if_contains("etag") : nullptr;
    if (!number || !json_int(*number) || !etag || !etag->is_string())
      throw DomainError(ErrorKind::BadRequest, "Invalid part: each needs an integer 'partNumber' and an 'etag'");
    list.push_back({*json_int(*number), std::string(etag->as_string())});
  }
  c.services.lfs().complete_multipart(t, std::move(list));
  return Response::json("{}");
}

// An object uploaded through Xet is reconstructed by the server (docs/xet.md#negotiation): git-lfs
// and old clients download every file over plain HTTP.
Response download(const Call& c) {
  auto t = signed_transfer(c, SignedTransfer::Action::Download);
  Response res;
  res.headers.emplace_back("Content-Type", "application/octet-stream");
  res.headers.emplace_back("ETag", "\"" + t.oid + "\"");
  if (auto file = c.services.lfs().open_object(t.repo, t.oid)) {
    res.file = FileSlice{file, 0, file->size()};
    return res;
  }
  auto xet = c.services.xet_files().find(t.repo, t.oid);
  if (xet && c.request.method == "HEAD") {
    res.headers.emplace_back("Content-Length", std::to_string(xet->size));
    return res;
  }
  if (xet && xet->size == 0) return res;
  if (xet) res.stream = c.services.xet_files().stream(*xet, 0, xet->size);
  if (!res.stream) throw DomainError(ErrorKind::LfsObjectNotFound, "Object " + t.oid + " is not stored");
  return res;
}

// ---- lfs-files ----

// The cursor names the last item served, "<commit order>.<oid>", the listing's sort key: a
// keyset, so deleting the objects of one page does not shift the next.
std::optional<LfsFilesCursor> parse_files_cursor(std::string_view text) {
  auto dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto order = parse_int(text.substr(0, dot));
  auto oid = text.substr(dot + 1);
  if (!order || !is_sha256_hex(oid)) return std::nullopt;
  return LfsFilesCursor{*order, std::string(oid)};
}

Response list_lfs_files(const Call& c) {
  auto& reads = c.services.reads();
  auto repo = reads.open_for_write(c.caller, repo_type_param(c), c.params["repo"]);
  int64_t limit = kDefaultFilesPage;
  if (auto text = c.request.query.get("limit")) {
    auto n = parse_int(*text);
    if (!n || *n < 1) throw DomainError(ErrorKind::InvalidParameter, "Invalid 'limit': expected a positive integer");
    limit = std::min(*n, kMaxFilesPage);
  }
  std::optional<LfsFilesCursor> cursor;
  if (auto text = c.request.query.get("cursor")) {
    cursor = parse_files_cursor(*text);
    if (!cursor) throw DomainError(ErrorKind::InvalidParameter, "Invalid 'cursor'");
  }

  auto& xet = c.services.xet_files();
  auto page = reads.lfs_files(repo, cursor, limit,
                              [&](std::string_view oid) { return xet.find(repo.object_id, oid).has_value(); });
  std::vector<std::string> oids;
  for (auto& f : page.files) oids.push_back(f.oid);
  auto xet_hashes = xet.file_hashes(repo.object_id, oids);  // one store query for the page
  JsonWriter w;
  w.begin_array();
  for (auto& f : page.files) {
    w.begin_object();
    // fileOid is what Python's permanently_delete_lfs_files sends back for deletion, documented
    // as the object's sha256; oid is the LFS object id, the same sha256 for an LFS object.
    w.key("fileOid").value(f.oid);
    w.key("filename").value(f.filename);
    w.key("oid").value(f.oid);
    w.key("pushedAt").value(format_iso8601_ms(f.pushed_at_ms));
    w.key("size").value(f.size);
    // hfhub's: which objects were uploaded through Xet (Python keeps unknown keys).
    if (auto it = xet_hashes.find(f.oid); it != xet_hashes.end()) w.key("xetHash").value(it->second);
    w.end_object();
  }
  w.end_array();
  auto res = Response::json(w.take());
  if (page.more) {
    const auto& last = page.files.back();
    auto cursor_text = std::to_string(last.commit_order) + "." + last.oid;
    res.set("Link", format_next_link(next_page_url(c.services.base_url(c.request), c.request, "cursor", cursor_text)));
  }
  return res;
}

// Deletes the objects for good: files at commits that point to them can no longer be downloaded.
// `rewriteHistory` (dropping those pointers from git history too) is accepted but not done.
Response delete_lfs_files(const Call& c) {
  auto repo = c.services.content().open_write(c.caller, repo_type_param(c), c.params["repo"]);
  auto body = JsonBody::parse(c.request);
  auto* deletions = body.raw("deletions");
  auto* shas = deletions && deletions->is_object() ? deletions->as_object().if_contains("sha") : nullptr;
  if (!shas || !shas->is_array())
    throw DomainError(ErrorKind::InvalidParameter, "Expected {\"deletions\": {\"sha\": [<sha256>, ...]}}");
  if (shas->as_array().size() > kMaxDeletions)
    throw DomainError(ErrorKind::InvalidParameter,
                      "Too many objects in one request: at most " + std::to_string(kMaxDeletions));
  std::vector<std::string> oids;
  for (auto& s : shas->as_array()) {
    if (!s.is_string() || !is_sha256_hex(s.as_string()))
      throw DomainError(ErrorKind::InvalidParameter, "Invalid sha: expected 64 lowercase hex digits");
    oids.emplace_back(s.as_string());
  }
  // Each is recorded deleted before its bytes go (LfsService::delete_object). A Xet-backed object
  // goes from the repo's links; `hfhubd admin xet-gc` frees the bytes once no repo links them
  // (docs/xet.md#server-storage).
  for (auto& oid : oids) {
    c.services.lfs().delete_object(repo.object_id, oid);
    c.services.xet_files().unlink(repo.object_id, oid);
  }
  return Response::json("{}");
}

}  // namespace

void add_lfs_routes(RouteTable& t) {
  // Signed transfers first: nothing else may claim them.
  // The signature is checked on the headers: an upload with a bad one is never received.
  t.add("PUT", "/api/lfs-storage/{repo}/{oid}", put_object,
        BodyRule{.mode = BodyMode::Streamed, .upload = true, .precheck = [](const Call& c) {
                   signed_upload_precheck(c, SignedTransfer::Action::Upload);
                 }});
  t.add("PUT", "/api/lfs-storage/{repo}/{oid}/{part}", put_part,
        BodyRule{.mode = BodyMode::Streamed, .upload = true, .precheck = [](const Call& c) {
                   signed_upload_precheck(c, SignedTransfer::Action::Part);
                 }});
  t.add("POST", "/api/lfs-storage/{repo}/{oid}", complete_multipart);
  t.add("GET", "/api/lfs-storage/{repo}/{oid}", download);

  t.add("GET", "/api/{type}/{repo:repo}/lfs-files", list_lfs_files);
  t.add("POST", "/api/{type}/{repo:repo}/lfs-files/batch", delete_lfs_files);

  // Web-style prefixes: none for models (docs/hub-behaviour.md#repo-addressing).
  const std::pair<const char*, RepoType> prefixes[] = {
      {"/datasets", RepoType::Dataset}, {"/spaces", RepoType::Space}, {"", RepoType::Model}};
  for (auto [prefix, type] : prefixes) {
    t.add(
        "POST", std::string(prefix) + "/{repo:repo}/info/lfs/objects/batch",
        [type](const Call& c) { return lfs_api(c, [type](const Call& c) { return batch(c, type); }); },
        BodyRule{.lane = Lane::Interactive});  // signs URLs only; the transfer it starts waits on it
    t.add("POST", std::string(prefix) + "/{repo:repo}/info/lfs/verify",
          [type](const Call& c) { return lfs_api(c, [type](const Call& c) { return verify(c, type); }); });
  }
}

}  // namespace hfhub::server
