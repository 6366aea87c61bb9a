#pragma once
// The Xet write token of an upload (docs/xet.md#tokens). The LFS batch answer carries the first
// one in its upload action's headers and the refresh URL as its href; the shared token source
// (client/xet/xet_token.h) fetches it again from there once exp - 30 s has passed. This owns the
// Session those fetches go through, for the upload's lifetime.
#include <optional>
#include <string>

#include "client/http/session.h"
#include "client/xet/xet_token.h"

namespace hfhub::client {

// Thread-safe: the producer thread (dedup queries) and the engine thread (xorbs, shards) share it.
class XetUploadTokenSource {
 public:
  XetUploadTokenSource(const ClientOptions& options, std::string refresh_url, std::optional<XetConnection> first);

  // The token, fetched again first when it expires within 30 s.
  XetConnection current() { return source_.get(); }
  // Fetches a new one now (after a 401).
  XetConnection refresh() { return source_.refresh(); }

 private:
  Session session_;
  XetTokenSource source_;
};

}  // namespace hfhub::client
