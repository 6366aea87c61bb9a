// The Xet CAS under /xet (docs/xet.md#cas-api, #transfer-urls), with the unversioned paths older
// hf_xet releases call (§4.3). Every route but the transfer URLs and telemetry needs a Xet token
// (Authorization: Bearer, from the token routes): write for uploads, read otherwise.
//   POST /xet/v1/xorbs/{prefix}/{hash}       a xorb            → {"was_inserted": bool}
//   POST /xet/v1/shards, /xet/v2/shards      a shard           → {"result": 0|1} / NDJSON events
//   GET  /xet/v1/chunks/{prefix}/{hash}      global dedup      → a shard, or 404
//   GET  /xet/v{1,2}/reconstructions/{file}  a file's terms and signed transfer URLs (Range)
//   GET  /xet/fetch/{xorb}?r=&e=&s=          xorb bytes (signed, no Authorization; one Range)
//   POST /xet/v1/telemetry, /v1/telemetry    ignored
#include "common/decimal.h"
#include "common/iso_time.h"
#include "common/json_writer.h"
#include "common/xet/shard_format.h"
#include "common/xet/xorb_format.h"
#include "server/http/body_text.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"
#include "server/routes/support/byte_range.h"

namespace hfhub::server {

namespace {

// Room over the format limits for a footer or a lookup table the client appended.
constexpr int64_t kSlack = 1 << 20;
constexpr int64_t kXorbCap = int64_t(xet::kMaxSerializedXorb) + kSlack;
constexpr int64_t kShardCap = int64_t(xet::kMaxShardBytes) + kSlack;

XetGrant grant_of(const Call& c, XetScope scope) {
  return c.services.cas().authorize(c.request.header("authorization"), scope);
}

// The body as a spooled file (the blob stores take files) and as bytes (mapped, not copied).
struct UploadBody {
  std::shared_ptr<SpooledBody> file;
  BodyText bytes;
  UploadBody(const Call& c, int64_t cap)
      : file(c.request.spooled ? c.request.spooled : c.services.lfs().spool(c.request.body)), bytes(c.request, cap) {}
};

Response upload_xorb(const Call& c) {
  grant_of(c, XetScope::Write);
  auto hash = CasService::path_hash(c.params["hash"]);
  UploadBody body(c, kXorbCap);
  bool inserted = c.services.cas().upload_xorb(hash, body.bytes.text(), *body.file);
  return Response::json(inserted ? R"({"was_inserted":true})" : R"({"was_inserted":false})");
}

bool accept_shard(const Call& c) {
  auto grant = grant_of(c, XetScope::Write);
  UploadBody body(c, kShardCap);
  return c.services.cas().upload_shard(grant, body.bytes.text(), *body.file);
}

Response upload_shard(const Call& c) { return Response::json(accept_shard(c) ? R"({"result":1})" : R"({"result":0})"); }

// hf_xet ≥ 1.6 tries v2 first (§4.6): progress events, then a terminal result. Validation runs
// before the answer starts, so a bad shard still gets a plain 400.
Response upload_shard_v2(const Call& c) {
  bool fresh = accept_shard(c);
  std::string events = R"({"type":"validating","verified":1,"total":1})"
                       "\n"
                       R"({"type":"committing","stage":"syncing"})"
                       "\n";
  events += fresh ? R"({"type":"result","result":1})" : R"({"type":"result","result":0})";
  events += "\n";
  auto res = Response::text(std::move(events));
  res.set("Content-Type", "application/x-ndjson");
  return res;
}

Response dedup(const Call& c) {
  grant_of(c, XetScope::Read);
  auto shard = c.services.cas().dedup_shard(CasService::path_hash(c.params["hash"]));
  auto res = Response::text(std::move(shard));
  res.set("Content-Type", "application/octet-stream");
  return res;
}

std::string fetch_url(const Call& c, const XetFetchRange& f, int64_t expires) {
  // With the xorbs on S3 the client ranges the object there: url_range is a range of the stored
  // xorb either way, and SigV4 leaves the Range header unsigned.
  if (auto direct = c.services.cas().direct_fetch_url(f.xorb)) return *direct;
  XetFetchGrant g{f.xorb.hex(), f.first, f.last, expires};
  return c.services.xet_cas_url(c.request) + "/fetch/" + g.xorb + "?r=" + std::to_string(g.first) + "-" +
         std::to_string(g.last) + "&e=" + std::to_string(expires) + "&s=" + c.services.cas().tokens().sign_fetch(g);
}

void write_range(JsonWriter& w, std::string_view name, uint64_t start, uint64_t end) {
  w.key(name).begin_object().key("start").value(int64_t(start)).key("end").value(int64_t(end)).end_object();
}

// QueryReconstructionResponse (v1: fetch_info) or V2 (xorbs), §4.4: one byte range per entry,
// so no client ever needs a multi-range fetch.
std::string reconstruction_json(const Call& c, const XetReconstruction& plan, bool v2) {
  const int64_t expires = now_seconds() + c.services.cas().tokens().ttl();
  JsonWriter w;
  w.begin_object().key("offset_into_first_range").value(int64_t(plan.offset_into_first_range));
  w.key("terms").begin_array();
  for (auto& t : plan.terms) {
    w.begin_object().key("hash").value(t.xorb.hex()).key("unpacked_length").value(int64_t(t.unpacked_bytes));
    write_range(w, "range", t.chunk_start, t.chunk_end);
    w.end_object();
  }
  w.end_array().key(v2 ? "xorbs" : "fetch_info").begin_object();
  for (size_t i = 0; i < plan.fetches.size();) {
    const auto& hash = plan.fetches[i].xorb;  // fetches come grouped by xorb
    w.key(hash.hex()).begin_array();
    for (; i < plan.fetches.size() && plan.fetches[i].xorb == hash; ++i) {
      const auto& f = plan.fetches[i];
      w.begin_object().key("url").value(fetch_url(c, f, expires));
      if (v2) {
        w.key("ranges").begin_array().begin_object();
        write_range(w, "chunks", f.chunk_start, f.chunk_end);
        write_range(w, "bytes", f.first, f.last);
        w.end_object().end_array();
      } else {
        write_range(w, "range", f.chunk_start, f.chunk_end);
        write_range(w, "url_range", f.first, f.last);
      }
      w.end_object();
    }
    w.end_array();
  }
  w.end_object().end_object();
  return w.take();
}

Response reconstruction(const Call& c, bool v2) {
  auto grant = grant_of(c, XetScope::Read);
  auto& cas = c.services.cas();
  auto file = cas.readable_file(grant, CasService::path_hash(c.params["hash"]));
  XetReconstruction plan;
  if (file.size > 0) {
    auto range = parse_range(c.request.header("range"), int64_t(file.size));
    if (range.kind == RangeRequest::Unsatisfiable)
      throw DomainError(ErrorKind::RangeNotSatisfiable)
          .with_header("Content-Range", unsatisfied_content_range(int64_t(file.size)));
    uint64_t begin = 0, end = file.size;
    if (range.kind == RangeRequest::Partial) begin = uint64_t(range.range.first), end = uint64_t(range.range.last) + 1;
    plan = cas.reconstruct(file, begin, end);
  }
  return Response::json(reconstruction_json(c, plan, v2));
}

// A transfer URL: bytes [r] of one xorb until e, signed with s. A client asks for any single
// range inside it (hf_xet fetches each range of an entry on its own).
Response fetch(const Call& c) {
  auto r = c.request.query.get("r").value_or("");
  auto dash = r.find('-');
  auto first = parse_decimal(r.substr(0, dash));
  auto last = dash == std::string_view::npos ? std::nullopt : parse_decimal(r.substr(dash + 1));
  auto expires = parse_decimal(c.request.query.get("e").value_or(""));
  if (!first || !last || !expires || *expires > uint64_t(INT64_MAX))
    throw DomainError(ErrorKind::XetTransferInvalid, "Malformed transfer URL");
  XetFetchGrant grant{c.params["xorb"], *first, *last, int64_t(*expires)};
  auto xorb = c.services.cas().open_fetch(grant, c.request.query.get("s").value_or(""));

  auto range = parse_range(c.request.header("range"), xorb.size);
  if (range.kind == RangeRequest::Unsatisfiable)
    throw DomainError(ErrorKind::RangeNotSatisfiable)
        .with_header("Content-Range", unsatisfied_content_range(xorb.size));
  Response res;
  res.headers.emplace_back("Content-Type", "application/octet-stream");
  ByteRange slice{int64_t(grant.first), int64_t(grant.last)};
  if (range.kind == RangeRequest::Partial) {
    if (uint64_t(range.range.first) < grant.first || uint64_t(range.range.last) > grant.last)
      throw DomainError(ErrorKind::XetTransferInvalid, "The requested range is outside the signed one");
    slice = range.range;
    res.status = 206;
    res.headers.emplace_back("Content-Range", content_range(slice, xorb.size));
  }
  res.file = FileSlice{std::move(xorb.file), slice.first, slice.length()};
  return res;
}

Response telemetry(const Call&) { return Response::json("{}"); }

void on_headers_write(const Call& c) { grant_of(c, XetScope::Write); }

}  // namespace

void add_cas_routes(RouteTable& t) {
  // Uploads: the token is checked on the headers, so a refused body is never received.
  auto xorb_rule = BodyRule{.mode = BodyMode::Streamed, .upload = true, .cap = kXorbCap, .precheck = on_headers_write};
  auto shard_rule =
      BodyRule{.mode = BodyMode::Streamed, .upload = true, .cap = kShardCap, .precheck = on_headers_write};
  for (auto path : {"/xet/v1/xorbs/{prefix}/{hash}", "/xet/xorbs/{prefix}/{hash}", "/xet/xorb/{prefix}/{hash}"})
    t.add("POST", path, upload_xorb, xorb_rule);
  for (auto path : {"/xet/v1/shards", "/xet/shards", "/xet/shard/{prefix}/{hash}"})
    t.add("POST", path, upload_shard, shard_rule);
  t.add("POST", "/xet/v2/shards", upload_shard_v2, shard_rule);
  for (auto path : {"/xet/v1/chunks/{prefix}/{hash}", "/xet/chunks/{prefix}/{hash}", "/xet/chunk/{prefix}/{hash}"})
    t.add("GET", path, dedup);
  t.add("GET", "/xet/v2/reconstructions/{hash}", [](const Call& c) { return reconstruction(c, true); });
  for (auto path : {"/xet/v1/reconstructions/{hash}", "/xet/reconstructions/{hash}", "/xet/reconstruction/{hash}"})
    t.add("GET", path, [](const Call& c) { return reconstruction(c, false); });
  t.add("GET", "/xet/fetch/{xorb}", fetch);
  // xet-core joins telemetry to the root of the CAS host, dropping the /xet prefix (§4.2 #11).
  t.add("POST", "/xet/v1/telemetry", telemetry, BodyRule{.lane = Lane::Interactive});
  t.add("POST", "/v1/telemetry", telemetry, BodyRule{.lane = Lane::Interactive});
}

}  // namespace hfhub::server
