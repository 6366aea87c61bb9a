#pragma once
// The Xet write token of an upload (docs/xet.md#tokens). The LFS batch answer carries the first
// one in its upload action's headers and the refresh URL as its href; the token is fetched again
// from that URL once exp - 30 s has passed, as xet-core does. A minimal local fetch: the shared
// token client (src/client/xet/xet_token.h) belongs to the download work.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "client/http/http_message.h"
#include "client/http/session.h"

namespace hfhub::client {

struct XetUploadToken {
  std::string access_token;
  int64_t exp = 0;      // unix seconds
  std::string cas_url;  // no trailing '/'
};

// From X-Xet-Cas-Url, X-Xet-Access-Token and X-Xet-Token-Expiration; nullopt when one is missing.
std::optional<XetUploadToken> xet_token_from_headers(const HeaderList& headers);
// From a token route's JSON body {accessToken, exp, casUrl}; InvalidResponseError otherwise.
XetUploadToken xet_token_from_json(const std::string& body, const std::string& url);

// Thread-safe: the producer thread (dedup queries) and the engine thread (xorbs, shards) share it.
class XetUploadTokenSource {
 public:
  XetUploadTokenSource(const ClientOptions& options, std::string refresh_url, std::optional<XetUploadToken> first);

  // The token, fetched again first when it expires within 30 s.
  XetUploadToken current();
  // Fetches a new one now (after a 401).
  XetUploadToken refresh();

 private:
  XetUploadToken fetch_locked();

  std::mutex mutex_;
  Session session_;
  std::string refresh_url_;
  std::optional<XetUploadToken> token_;
};

}  // namespace hfhub::client
