#include "server/stores/s3/sigv4_presigner.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <stdexcept>

#include "common/hash.h"
#include "common/percent.h"

namespace hfhub::server {

namespace {

std::string hmac_raw(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
            data.size(), out, &len))
    throw std::runtime_error("HMAC-SHA256 failed");
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string to_hex(std::string_view raw) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(raw.size() * 2);
  for (unsigned char c : raw) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string utc(std::time_t t, const char* format) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  strftime(buf, sizeof buf, format, &tm);
  return buf;
}

// The key derived from the secret for one day, region and service (SigV4's signing key).
std::string signing_key(const S3Credentials& c, const std::string& day) {
  auto k = hmac_raw("AWS4" + c.secret_key, day);
  k = hmac_raw(k, c.region);
  k = hmac_raw(k, "s3");
  return hmac_raw(k, "aws4_request");
}

}  // namespace

std::string sigv4_encode(std::string_view text, bool keep_slash) { return percent_encode(text, keep_slash ? "/" : ""); }

std::string presign_url(const S3Credentials& c, const PresignRequest& r) {
  if (r.expires_seconds < 1 || r.expires_seconds > 604800)
    throw std::invalid_argument("a presigned URL lives 1 s to 7 days");
  const auto stamp = utc(r.now, "%Y%m%dT%H%M%SZ"), day = utc(r.now, "%Y%m%d");
  const auto scope = day + "/" + c.region + "/s3/aws4_request";
  std::vector<std::pair<std::string, std::string>> params;
  for (auto& [k, v] : r.query) params.emplace_back(sigv4_encode(k, false), sigv4_encode(v, false));
  params.emplace_back("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
  params.emplace_back("X-Amz-Credential", sigv4_encode(c.access_key + "/" + scope, false));
  params.emplace_back("X-Amz-Date", stamp);
  params.emplace_back("X-Amz-Expires", std::to_string(r.expires_seconds));
  // Sorted by name alone: "x-amz-copy-source" before "x-amz-copy-source-if-match" (sorting the
  // "name:value" lines would swap them, the bug of libcurl before 8.10).
  auto headers = r.headers;
  headers.emplace_back("host", r.host);
  std::sort(headers.begin(), headers.end(), [](auto& a, auto& b) { return a.first < b.first; });
  std::string canonical_headers, signed_headers;
  for (auto& [name, value] : headers) {
    canonical_headers += name + ":" + value + "\n";
    signed_headers += (signed_headers.empty() ? "" : ";") + name;
  }
  params.emplace_back("X-Amz-SignedHeaders", sigv4_encode(signed_headers, false));
  std::sort(params.begin(), params.end());
  std::string query;
  for (auto& [k, v] : params) query += (query.empty() ? "" : "&") + k + "=" + v;

  const auto path = sigv4_encode(r.path, true);
  // The body is not known when signing a URL: S3 takes UNSIGNED-PAYLOAD for presigned requests.
  const auto canonical =
      r.method + "\n" + path + "\n" + query + "\n" + canonical_headers + "\n" + signed_headers + "\nUNSIGNED-PAYLOAD";
  const auto to_sign = "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n" + sha256_hex(canonical);
  const auto signature = to_hex(hmac_raw(signing_key(c, day), to_sign));
  return r.base + path + "?" + query + "&X-Amz-Signature=" + signature;
}

}  // namespace hfhub::server
