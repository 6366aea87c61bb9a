#include "server/stores/s3/s3_client.h"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

#include "common/ascii.h"
#include "common/base64.h"
#include "common/html_escape.h"
#include "common/percent.h"
#include "common/posix_io.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// What a transfer reads from and writes to.
struct Transfer {
  const S3Request* request;
  S3Response* response;
  int64_t sent = 0;
  int write_errno = 0;
};

size_t read_body(char* buf, size_t size, size_t n, void* p) {
  auto* t = static_cast<Transfer*>(p);
  const auto& r = *t->request;
  int64_t want = std::min<int64_t>(int64_t(size * n), r.body_length - t->sent);
  if (want <= 0) return 0;
  std::error_code ec;
  size_t got = pread_all(r.body_fd, buf, size_t(want), r.body_offset + t->sent, ec);
  if (ec || got == 0) return CURL_READFUNC_ABORT;
  t->sent += int64_t(got);
  return got;
}

size_t write_body(char* data, size_t size, size_t n, void* p) {
  auto* t = static_cast<Transfer*>(p);
  std::string_view chunk(data, size * n);
  // Only a success's body goes to the sink: an error's XML is kept to be reported.
  if (t->request->sink_fd >= 0 && t->response->status / 100 == 2) {
    std::error_code ec;
    write_all(t->request->sink_fd, chunk, ec);
    if (ec) {
      t->write_errno = ec.value();
      return 0;
    }
  } else if (t->response->body.size() < (size_t(16) << 20)) {
    t->response->body.append(chunk);
  }
  return chunk.size();
}

size_t read_header(char* data, size_t size, size_t n, void* p) {
  auto* t = static_cast<Transfer*>(p);
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {  // a new answer (after a 100 Continue): start over
    t->response->headers.clear();
    auto sp = line.find(' ');
    if (sp != std::string_view::npos) t->response->status = std::strtol(std::string(line.substr(sp + 1, 3)).c_str(), nullptr, 10);
    return line.size();
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return line.size();
  t->response->headers.emplace_back(ascii_lower(trim_whitespace(line.substr(0, colon))),
                                    std::string(trim_whitespace(line.substr(colon + 1))));
  return line.size();
}

bool retryable(long status) { return status == 429 || status >= 500; }

std::string strip_quotes(std::string s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

std::string decode_entities(std::string_view s) {
  static const std::pair<std::string_view, char> entities[] = {
      {"&amp;", '&'}, {"&quot;", '"'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&apos;", '\''}, {"&#34;", '"'}};
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    bool replaced = false;
    for (auto& [name, c] : entities)
      if (s.substr(i, name.size()) == name) {
        out += c;
        i += name.size() - 1;
        replaced = true;
        break;
      }
    if (!replaced) out += s[i];
  }
  return out;
}

}  // namespace

std::string S3Response::header(std::string_view name) const {
  for (auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

std::vector<std::string> xml_values(std::string_view xml, std::string_view tag) {
  std::vector<std::string> out;
  const std::string open = "<" + std::string(tag) + ">", close = "</" + std::string(tag) + ">";
  for (size_t at = xml.find(open); at != std::string_view::npos; at = xml.find(open, at)) {
    at += open.size();
    auto end = xml.find(close, at);
    if (end == std::string_view::npos) break;
    out.push_back(decode_entities(xml.substr(at, end - at)));
    at = end + close.size();
  }
  return out;
}

std::string describe_s3_error(const S3Response& r) {
  auto code = xml_values(r.body, "Code"), message = xml_values(r.body, "Message");
  std::string out = "S3 answered " + std::to_string(r.status);
  if (!code.empty()) out += " " + code[0];
  if (!message.empty()) out += ": " + message[0];
  return out;
}

S3Client::S3Client(S3Options options) : options_(std::move(options)) {
  static std::once_flag curl_init;
  std::call_once(curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  while (options_.endpoint.ends_with('/')) options_.endpoint.pop_back();
  auto scheme = options_.endpoint.find("://");
  if (scheme == std::string::npos || options_.bucket.empty())
    throw std::invalid_argument("S3 needs an endpoint URL (http[s]://host[:port]) and a bucket");
  host_ = options_.endpoint.substr(scheme + 3);
  if (host_.empty() || host_.find('/') != std::string::npos)
    throw std::invalid_argument("the S3 endpoint is scheme://host[:port] only: " + options_.endpoint);
}

std::string S3Client::url_of(const S3Request& r) const {
  std::string url = options_.endpoint + "/" + sigv4_encode(options_.bucket, false);
  if (!r.key.empty()) url += "/" + sigv4_encode(r.key, true);
  if (!r.query.empty()) url += "?" + r.query;
  return url;
}

S3Response S3Client::attempt(const S3Request& r, std::string& network_error) const {
  S3Response response;
  Transfer t{&r, &response};
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) throw StoreError("S3: curl_easy_init failed");
  // curl signs with the region and service of this string, the keys of USERPWD.
  const std::string sigv4 = "aws:amz:" + options_.credentials.region + ":s3";
  const std::string userpwd = options_.credentials.access_key + ":" + options_.credentials.secret_key;
  const std::string url = r.presigned_url.empty() ? url_of(r) : r.presigned_url;
  curl_slist* list = nullptr;
  // The payload is not hashed: a multi-GiB part would be read twice. TLS protects it in transit.
  if (r.presigned_url.empty()) list = curl_slist_append(list, "x-amz-content-sha256: UNSIGNED-PAYLOAD");
  for (auto& h : r.headers) list = curl_slist_append(list, h.c_str());
  std::unique_ptr<curl_slist, CurlDeleter> header_list(list);
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  if (r.presigned_url.empty()) {
    curl_easy_setopt(c, CURLOPT_AWS_SIGV4, sigv4.c_str());
    curl_easy_setopt(c, CURLOPT_USERPWD, userpwd.c_str());
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, long(options_.timeout_seconds));
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, read_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  if (r.method == "HEAD") {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else if (r.body_fd >= 0) {
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, curl_off_t(r.body_length));
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_body);
    curl_easy_setopt(c, CURLOPT_READDATA, &t);
  } else if (r.method == "PUT" || r.method == "POST") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, r.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(r.body.size()));
  }
  if (r.method != "GET" && r.method != "HEAD" && r.method != "POST")
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, r.method.c_str());
  if (r.sink_fd >= 0 && (::ftruncate(r.sink_fd, 0) != 0 || ::lseek(r.sink_fd, 0, SEEK_SET) != 0))
    throw StoreError(std::string("S3 download: truncate: ") + std::strerror(errno));
  CURLcode rc = curl_easy_perform(c);
  if (t.write_errno) throw StoreError(std::string("S3 download: write: ") + std::strerror(t.write_errno));
  if (rc != CURLE_OK) {
    network_error = curl_easy_strerror(rc);
    response.status = 0;
    return response;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

S3Response S3Client::perform(const S3Request& r) const {
  std::string network_error;
  for (int n = 1;; ++n) {
    network_error.clear();
    auto response = attempt(r, network_error);
    bool again = network_error.empty() ? retryable(response.status) : true;
    if (!again || n >= options_.max_attempts) {
      if (!network_error.empty())
        throw StoreError("S3 " + r.method + " " + r.key + ": " + network_error + " (after " + std::to_string(n) +
                         " attempts)");
      return response;
    }
    // 100 ms, 200 ms, 400 ms ...: long enough for a store that sheds load to recover.
    std::this_thread::sleep_for(std::chrono::milliseconds(int64_t(options_.backoff_base_ms) << (n - 1)));
  }
}

std::optional<S3ObjectInfo> S3Client::head(const std::string& key) const {
  auto r = perform({.method = "HEAD", .key = key});
  if (r.status == 404) return std::nullopt;
  if (r.status != 200) throw StoreError("S3 HEAD " + key + ": " + describe_s3_error(r));
  S3ObjectInfo info;
  info.size = std::strtoll(r.header("content-length").c_str(), nullptr, 10);
  info.etag = strip_quotes(r.header("etag"));
  auto modified = r.header("last-modified");
  if (time_t t = curl_getdate(modified.c_str(), nullptr); !modified.empty() && t >= 0)
    info.last_modified = std::chrono::system_clock::from_time_t(t);
  return info;
}

std::optional<std::string> S3Client::get_range(const std::string& key, int64_t offset, int64_t length) const {
  if (length <= 0) return head(key) ? std::optional<std::string>("") : std::nullopt;
  auto r = perform({.method = "GET",
                    .key = key,
                    .headers = {"Range: bytes=" + std::to_string(offset) + "-" + std::to_string(offset + length - 1)}});
  if (r.status == 404) return std::nullopt;
  if (r.status == 416) return std::string();  // past the end (an empty object)
  if (r.status != 206 && r.status != 200) throw StoreError("S3 GET " + key + ": " + describe_s3_error(r));
  if (r.status == 200) r.body = r.body.substr(size_t(offset), size_t(length));  // a store that ignores Range
  return std::move(r.body);
}

bool S3Client::get_to_file(const std::string& key, int fd) const {
  auto r = perform({.method = "GET", .key = key, .sink_fd = fd});
  if (r.status == 404) return false;
  if (r.status != 200) throw StoreError("S3 GET " + key + ": " + describe_s3_error(r));
  return true;
}

void S3Client::put(const std::string& key, int fd, int64_t offset, int64_t length) const {
  auto r = perform({.method = "PUT", .key = key, .body_fd = fd, .body_offset = offset, .body_length = length});
  if (r.status != 200) throw StoreError("S3 PUT " + key + ": " + describe_s3_error(r));
}

void S3Client::remove(const std::string& key) const {
  auto r = perform({.method = "DELETE", .key = key});
  if (r.status != 204 && r.status != 200 && r.status != 404)
    throw StoreError("S3 DELETE " + key + ": " + describe_s3_error(r));
}

bool S3Client::copy(const std::string& from_key, const std::string& to_key, const std::string& if_match) const {
  const auto source = "/" + sigv4_encode(options_.bucket, false) + "/" + sigv4_encode(from_key, true);
  S3Request request{.method = "PUT", .key = to_key, .headers = {"x-amz-copy-source: " + source}};
  if (!if_match.empty()) {
    // Signed here, not by curl: libcurl before 8.10 orders x-amz-copy-source-if-match before
    // x-amz-copy-source in the canonical request, and the store then refuses the signature.
    const auto condition = "\"" + if_match + "\"";
    request.headers.push_back("x-amz-copy-source-if-match: " + condition);
    request.presigned_url =
        presign("PUT", to_key, {}, 900, {{"x-amz-copy-source", source}, {"x-amz-copy-source-if-match", condition}});
  }
  auto r = perform(request);
  if (!if_match.empty() && (r.status == 412 || r.status == 404)) return false;
  // A copy can fail after its 200 has started: the error is then the body.
  if (r.status != 200 || r.body.find("<Error>") != std::string::npos)
    throw StoreError("S3 copy " + from_key + " to " + to_key + ": " + describe_s3_error(r));
  return true;
}

std::vector<std::string> S3Client::list(const std::string& prefix) const {
  std::vector<std::string> keys;
  std::string token;
  for (;;) {
    // Canonical order: continuation-token < list-type < prefix.
    std::string query;
    if (!token.empty()) query += "continuation-token=" + sigv4_encode(token, false) + "&";
    query += "list-type=2&prefix=" + sigv4_encode(prefix, false);
    auto r = perform({.method = "GET", .query = query});
    if (r.status != 200) throw StoreError("S3 list " + prefix + ": " + describe_s3_error(r));
    for (auto& k : xml_values(r.body, "Key")) keys.push_back(std::move(k));
    auto truncated = xml_values(r.body, "IsTruncated"), next = xml_values(r.body, "NextContinuationToken");
    if (truncated.empty() || truncated[0] != "true" || next.empty()) return keys;
    token = next[0];
  }
}

void S3Client::remove_keys(const std::vector<std::string>& keys) const {
  for (size_t at = 0; at < keys.size(); at += 1000) {
    std::string xml = "<Delete><Quiet>true</Quiet>";
    // A prefix from the config may hold '&' or '<': escaped (HTML's entities are XML's).
    for (size_t i = at; i < std::min(keys.size(), at + 1000); ++i)
      xml += "<Object><Key>" + html_escape(keys[i]) + "</Key></Object>";
    xml += "</Delete>";
    // S3 requires a digest of a DeleteObjects body.
    unsigned char md5[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(xml.data(), xml.size(), md5, &len, EVP_md5(), nullptr);
    auto r = perform({.method = "POST",
                      .query = "delete=",
                      .headers = {"Content-MD5: " + base64_encode(std::string_view(reinterpret_cast<char*>(md5), len)),
                                  "Content-Type: application/xml"},
                      .body = xml});
    if (r.status != 200 || !xml_values(r.body, "Error").empty())
      throw StoreError("S3 DeleteObjects: " + describe_s3_error(r));
  }
}

std::string S3Client::presign(const std::string& method, const std::string& key,
                              std::vector<std::pair<std::string, std::string>> query, int64_t ttl_seconds,
                              std::vector<std::pair<std::string, std::string>> signed_headers) const {
  return presign_url(options_.credentials, {.method = method,
                                            .base = options_.endpoint,
                                            .host = host_,
                                            .path = "/" + options_.bucket + "/" + key,
                                            .query = std::move(query),
                                            .headers = std::move(signed_headers),
                                            .expires_seconds = ttl_seconds,
                                            .now = std::time(nullptr)});
}

}  // namespace hfhub::server
