// Multipart upload (S3's CreateMultipartUpload, UploadPart, CompleteMultipartUpload,
// AbortMultipartUpload), and the choice between it and one PUT for a local file.
#include <fcntl.h>

#include "common/file_handle.h"
#include "server/stores/s3/s3_client.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

std::string S3Client::create_multipart(const std::string& key) const {
  auto r = perform({.method = "POST", .key = key, .query = "uploads="});
  auto id = xml_values(r.body, "UploadId");
  if (r.status != 200 || id.empty()) throw StoreError("S3 CreateMultipartUpload " + key + ": " + describe_s3_error(r));
  return id[0];
}

std::string S3Client::upload_part(const std::string& key, const std::string& upload_id, int part, int fd,
                                  int64_t offset, int64_t length) const {
  auto r = perform({.method = "PUT",
                    .key = key,
                    .query = "partNumber=" + std::to_string(part) + "&uploadId=" + sigv4_encode(upload_id, false),
                    .body_fd = fd,
                    .body_offset = offset,
                    .body_length = length});
  auto etag = r.header("etag");
  if (r.status != 200 || etag.empty())
    throw StoreError("S3 UploadPart " + std::to_string(part) + " of " + key + ": " + describe_s3_error(r));
  return etag;
}

void S3Client::complete_multipart(const std::string& key, const std::string& upload_id,
                                  const std::vector<std::string>& etags) const {
  std::string xml = "<CompleteMultipartUpload>";
  for (size_t i = 0; i < etags.size(); ++i) {
    std::string etag = etags[i];
    if (etag.empty() || etag.front() != '"') etag = "\"" + etag + "\"";
    xml += "<Part><PartNumber>" + std::to_string(i + 1) + "</PartNumber><ETag>" + etag + "</ETag></Part>";
  }
  xml += "</CompleteMultipartUpload>";
  auto r = perform({.method = "POST",
                    .key = key,
                    .query = "uploadId=" + sigv4_encode(upload_id, false),
                    .headers = {"Content-Type: application/xml"},
                    .body = xml});
  // A part list the store refuses (a wrong ETag, a part too small, an unknown upload) is the
  // sender's fault; like a copy, a completion can also fail inside its 200.
  if (r.status == 400 || r.status == 404)
    throw StoreRejected("S3 CompleteMultipartUpload " + key + ": " + describe_s3_error(r));
  if (r.status != 200 || r.body.find("<Error>") != std::string::npos)
    throw StoreError("S3 CompleteMultipartUpload " + key + ": " + describe_s3_error(r));
}

void S3Client::abort_multipart(const std::string& key, const std::string& upload_id) const {
  auto r = perform({.method = "DELETE", .key = key, .query = "uploadId=" + sigv4_encode(upload_id, false)});
  if (r.status != 204 && r.status != 200 && r.status != 404)
    throw StoreError("S3 AbortMultipartUpload " + key + ": " + describe_s3_error(r));
}

void S3Client::upload_file(const std::string& key, const std::string& path, int64_t part_size) const {
  FileHandle file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!file) throw StoreError("S3 upload: cannot open " + path);
  const int64_t size = file.size();
  if (size <= part_size) return put(key, file.fd(), 0, size);
  const auto upload_id = create_multipart(key);
  try {
    std::vector<std::string> etags;
    for (int64_t at = 0; at < size; at += part_size)
      etags.push_back(upload_part(key, upload_id, int(etags.size() + 1), file.fd(), at, std::min(part_size, size - at)));
    complete_multipart(key, upload_id, etags);
  } catch (...) {
    // The parts are billed storage until aborted.
    try {
      abort_multipart(key, upload_id);
    } catch (const StoreError&) {
    }
    throw;
  }
}

}  // namespace hfhub::server
