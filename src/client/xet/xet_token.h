#pragma once
// The CAS access token of a Xet download or upload (docs/xet.md#tokens): fetched from the Hub's read-token
// URL with the Hub token as Bearer, and fetched again once it is within 30 s of its expiry (as
// xet-core does), so long downloads never present an expired token. Thread-safe: the transfer
// engine's loop and other threads may ask at once; one refresh runs at a time.
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "client/http/http_message.h"

namespace hfhub::client {

class Session;

struct XetConnection {
  std::string access_token;
  int64_t exp = 0;  // unix seconds
  std::string cas_url;
};

// The body {accessToken, exp, casUrl} of a token answer; InvalidResponseError names `url` when a
// field is missing or of the wrong type. A trailing '/' of casUrl is dropped.
XetConnection parse_xet_token(std::string_view body, std::string_view url);

// From the X-Xet-Cas-Url, X-Xet-Access-Token and X-Xet-Token-Expiration headers (an LFS batch
// answer's xet upload action carries the first token so); nullopt when one is missing or bad.
std::optional<XetConnection> xet_token_from_headers(const HeaderList& headers);

// Whether `token` must be refreshed at `now` (unix seconds): within 30 s of its expiry.
bool xet_token_needs_refresh(const XetConnection& token, int64_t now);

class XetTokenSource {
 public:
  // `fetch` GETs the URL with the Hub's headers and returns the body (throwing on errors).
  using Fetch = std::function<std::string(const std::string& url)>;
  // `first`, when given, is used until it needs a refresh.
  XetTokenSource(std::string refresh_url, Fetch fetch, std::optional<XetConnection> first = std::nullopt);
  // Through `session` (its default headers carry the Hub token); a relative route is joined to
  // the session's endpoint.
  XetTokenSource(Session& session, std::string refresh_route);

  // A token valid for at least 30 s more, fetched when needed.
  XetConnection get();
  // Forgets the token (a 401 from the CAS): the next get() fetches a new one.
  void invalidate();
  // A new token now, whatever the current one's expiry (after a 401).
  XetConnection refresh();

 private:
  std::string url_;
  Fetch fetch_;
  std::mutex mutex_;
  std::optional<XetConnection> current_;  // guarded
};

}  // namespace hfhub::client
