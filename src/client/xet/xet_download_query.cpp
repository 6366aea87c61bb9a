#include "client/xet/xet_download_query.h"

#include "hfhub/errors.h"

namespace hfhub::client {

namespace {

HttpResponse cas_get(Session& session, const XetConnection& c, const std::string& url) {
  HttpRequest request{"GET", url, {}, {}};
  // The Xet token, never the Hub's (docs/xet.md#tokens): set here, the session keeps it.
  request.header("Authorization", "Bearer " + c.access_token);
  return session.send(std::move(request));
}

}  // namespace

XetReconstruction query_reconstruction(Session& session, XetTokenSource& token, const std::string& file_hash) {
  for (int attempt = 0;; ++attempt) {
    XetConnection c = token.get();
    std::string v2 = c.cas_url + "/v2/reconstructions/" + file_hash;
    try {
      try {
        return parse_reconstruction_v2(cas_get(session, c, v2).body, v2);
      } catch (const HfHubHttpError& e) {
        if (e.status() != 404 && e.status() != 501) throw;
      }
      std::string v1 = c.cas_url + "/v1/reconstructions/" + file_hash;
      return parse_reconstruction_v1(cas_get(session, c, v1).body, v1);
    } catch (const HfHubHttpError& e) {
      if (e.status() != 401 || attempt > 0) throw;
      token.invalidate();  // revoked or clock skew: one more try with a fresh token
    }
  }
}

}  // namespace hfhub::client
