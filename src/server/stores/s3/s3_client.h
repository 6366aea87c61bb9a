#pragma once
// A client for the S3 API of any S3-compatible store (AWS, MinIO, Ceph, moto ...), on libcurl:
// curl signs each request (CURLOPT_AWS_SIGV4), URLs are path-style (endpoint/bucket/key) so no
// DNS name per bucket is needed, and a request that fails on the network, with a 5xx or with 429
// is retried with exponential backoff. Every other failure is a StoreError naming the S3 error.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/stores/s3/sigv4_presigner.h"

namespace hfhub::server {

struct S3Options {
  std::string endpoint;  // scheme://host[:port], no trailing slash
  std::string bucket;
  S3Credentials credentials;
  int max_attempts = 5;          // tries per request, the first included
  int backoff_base_ms = 100;     // the first retry's delay; each next one doubles
  int64_t timeout_seconds = 0;   // per request; 0: none (a large object takes what it takes)
};

struct S3ObjectInfo {
  int64_t size = 0;
  std::string etag;  // unquoted
  std::optional<std::chrono::system_clock::time_point> last_modified;
};

// One request as the transport sends it. `query` is in SigV4's canonical form (sorted, encoded,
// every key with '='), because curl signs the query as given.
struct S3Request {
  std::string method = "GET";
  std::string key;  // empty: the bucket itself
  std::string query;
  std::vector<std::string> headers;
  std::string body;  // an in-memory body (XML requests)
  int body_fd = -1;  // else a file's bytes [body_offset, body_offset + body_length)
  int64_t body_offset = 0;
  int64_t body_length = 0;
  int sink_fd = -1;  // a GET's body goes to this file (from its start) instead of `body`
  // Sent to this URL as it is, signed already (presign()), instead of curl signing the request.
  std::string presigned_url;
};

struct S3Response {
  long status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercase
  std::string header(std::string_view name) const;
};

class S3Client {
 public:
  explicit S3Client(S3Options options);

  // Sends with retries; answers whatever status the store gave last (the caller decides).
  S3Response perform(const S3Request& request) const;

  std::optional<S3ObjectInfo> head(const std::string& key) const;
  // `length` bytes from `offset` (fewer at the end); nullopt when the object is missing.
  std::optional<std::string> get_range(const std::string& key, int64_t offset, int64_t length) const;
  // The whole object into `fd` (truncated first); false when the object is missing.
  bool get_to_file(const std::string& key, int fd) const;
  void put(const std::string& key, int fd, int64_t offset, int64_t length) const;
  void remove(const std::string& key) const;
  // A server-side copy: no byte passes through this process. With `if_match` (an unquoted ETag)
  // only while the source still has it: false when it changed (or is gone).
  bool copy(const std::string& from_key, const std::string& to_key, const std::string& if_match = "") const;
  // Every key under `prefix` (ListObjectsV2, page after page).
  std::vector<std::string> list(const std::string& prefix) const;
  // DeleteObjects, 1,000 keys per request.
  void remove_keys(const std::vector<std::string>& keys) const;

  // Multipart upload (s3_multipart.cpp).
  std::string create_multipart(const std::string& key) const;
  std::string upload_part(const std::string& key, const std::string& upload_id, int part, int fd, int64_t offset,
                          int64_t length) const;  // the part's ETag
  void complete_multipart(const std::string& key, const std::string& upload_id,
                          const std::vector<std::string>& etags) const;
  void abort_multipart(const std::string& key, const std::string& upload_id) const;
  // A file as one object: a single PUT up to `part_size`, multipart above it (aborted on failure).
  void upload_file(const std::string& key, const std::string& path, int64_t part_size) const;

  // A URL that lets its holder make this one request until `ttl_seconds` pass.
  std::string presign(const std::string& method, const std::string& key,
                      std::vector<std::pair<std::string, std::string>> query, int64_t ttl_seconds,
                      std::vector<std::pair<std::string, std::string>> signed_headers = {}) const;

  const S3Options& options() const { return options_; }

 private:
  std::string url_of(const S3Request& request) const;
  S3Response attempt(const S3Request& request, std::string& network_error) const;
  S3Options options_;
  std::string host_;  // host[:port] of the endpoint: the Host a presigned request will carry
};

// The S3 error of an answer as one line ("404 NoSuchKey: The specified key does not exist.").
std::string describe_s3_error(const S3Response& response);
// Every value of <tag>...</tag> in an S3 XML answer, entities decoded. S3's answers are flat
// enough (ListBucketResult, InitiateMultipartUploadResult, Error) that this is all a client needs.
std::vector<std::string> xml_values(std::string_view xml, std::string_view tag);

}  // namespace hfhub::server
