#pragma once
// AWS Signature Version 4 in the query string: a URL that lets whoever holds it make one kind of
// request (GET an object, PUT an upload, PUT a multipart part) until it expires, with no
// credentials of their own. The 302 of a resolve and the hrefs of an LFS batch answer are such URLs.
//
// Written here (on OpenSSL's HMAC-SHA256) because libcurl's CURLOPT_AWS_SIGV4 signs the requests
// curl itself sends (the Authorization header of s3_client.cpp) and cannot produce a URL for
// someone else to use.
#include <cstdint>
#include <ctime>
#include <string>
#include <utility>
#include <vector>

namespace hfhub::server {

struct S3Credentials {
  std::string access_key;
  std::string secret_key;
  std::string region = "us-east-1";
};

struct PresignRequest {
  std::string method;  // GET, PUT, HEAD
  std::string base;    // scheme://host[:port] of the endpoint
  std::string host;    // the Host header the client will send (host[:port])
  // The object's path, unencoded ("/bucket/key"); each segment is URI-encoded for signing.
  std::string path;
  // Parameters the request carries besides the signature's (partNumber, uploadId).
  std::vector<std::pair<std::string, std::string>> query;
  // Headers the request will carry that the signature covers besides host (lowercase names):
  // hfhubd's own presigned requests (S3Client::copy's conditions).
  std::vector<std::pair<std::string, std::string>> headers;
  int64_t expires_seconds = 3600;  // 1 .. 604800 (7 days, the SigV4 limit)
  std::time_t now = 0;             // signing time
};

// The signed URL.
std::string presign_url(const S3Credentials& credentials, const PresignRequest& request);

// SigV4's URI encoding: every byte but A-Z a-z 0-9 - . _ ~ as %XX (uppercase), '/' too unless
// `keep_slash` (object paths).
std::string sigv4_encode(std::string_view text, bool keep_slash);

}  // namespace hfhub::server
