// The JSON body of the LFS batch API (POST {repo}.git/info/lfs/objects/batch) → its parsed form
// → LfsService::batch, which answers every object with actions or a per-object error. Huge,
// negative and odd sizes and oids must come back as errors, never as a crash or overflow.
#include <stdlib.h>

#include <boost/json.hpp>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>

#include "fuzz_check.h"
#include "server/http/error_table.h"
#include "server/http/json_body.h"
#include "server/lfs/lfs_service.h"

using namespace hfhub;
using namespace hfhub::server;
using hfhub::fuzz::check;

namespace {

// Objects whose oid starts with '0' are stored (with size 1000), the rest are not; nothing
// is ever written.
class FakeBlobStore : public BlobStore {
 public:
  FakeBlobStore() {
    char tmpl[] = "/tmp/hfhub-fuzz-lfs-XXXXXX";
    check(mkdtemp(tmpl) != nullptr, "mkdtemp");
    dir_ = tmpl;
  }
  ~FakeBlobStore() override { std::filesystem::remove_all(dir_); }
  std::optional<int64_t> size(std::string_view, std::string_view oid) override {
    if (!oid.empty() && oid[0] == '0') return 1000;
    return std::nullopt;
  }
  std::shared_ptr<FileHandle> open(std::string_view, std::string_view) override { return nullptr; }
  void put_file(const std::string&, std::string_view, std::string_view) override {}
  bool remove(std::string_view, std::string_view) override { return false; }
  void remove_all(std::string_view) override {}
  std::string spool_dir() const override { return dir_; }

 private:
  std::string dir_;
};

std::optional<int64_t> json_int(const boost::json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= uint64_t(std::numeric_limits<int64_t>::max())) return int64_t(v.as_uint64());
  return std::nullopt;
}

// The shape parse_batch (routes/lfs_routes.cpp) accepts; what it refuses is answered 4xx there.
std::optional<LfsBatchRequest> parse_batch(const JsonBody& body) {
  LfsBatchRequest req;
  auto operation = body.string("operation");
  if (operation == "upload")
    req.operation = LfsBatchRequest::Operation::Upload;
  else if (operation == "download")
    req.operation = LfsBatchRequest::Operation::Download;
  else
    return std::nullopt;
  if (auto* transfers = body.raw("transfers"); transfers && transfers->is_array()) {
    for (auto& t : transfers->as_array())
      if (t.is_string()) req.transfers.emplace_back(t.as_string());
  } else {
    req.transfers.push_back("basic");
  }
  auto* objects = body.raw("objects");
  if (!objects || !objects->is_array() || objects->as_array().size() > 1000) return std::nullopt;
  for (auto& o : objects->as_array()) {
    auto* fields = o.if_object();
    auto* oid = fields ? fields->if_contains("oid") : nullptr;
    auto* size = fields ? fields->if_contains("size") : nullptr;
    if (!oid || !oid->is_string() || !size || !json_int(*size)) return std::nullopt;
    req.objects.push_back({std::string(oid->as_string()), *json_int(*size)});
  }
  return req;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static FakeBlobStore blobs;
  static LfsService service(
      blobs,
      {.signing_key = "fuzz-signing-key", .chunk_size = int64_t(64) << 20, .multipart_threshold = int64_t(64) << 20});
  Request request;
  request.body.assign(reinterpret_cast<const char*>(data), size);
  try {
    auto batch = parse_batch(JsonBody::parse(request));
    if (!batch) return 0;
    RepoRecord repo;
    repo.object_id = "65a1b2c3d4e5f60718293a4b";
    LfsLinks links{"http://127.0.0.1:1", "http://127.0.0.1:1/x/y.git/info/lfs/verify", "Bearer hf_x"};
    auto answer = boost::json::parse(service.batch(repo, *batch, links));
    auto& objects = answer.at("objects").as_array();
    check(objects.size() == batch->objects.size(), "the answer has not one entry per object");
  } catch (const DomainError& e) {
    check(error_status(e) >= 400 && error_status(e) < 500, "a batch failed with a non-4xx DomainError");
  }
  return 0;
}
