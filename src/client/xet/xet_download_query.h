#pragma once
// The reconstruction query of a Xet download (docs/xet.md#cas-api): GET
// {casUrl}/v2/reconstructions/{hash} with the Xet token, /v1 when the CAS answers 404 or 501
// (as xet-core falls back), a fresh token once on 401.
#include <string>

#include "client/http/session.h"
#include "client/xet/xet_download_reconstruction.h"
#include "client/xet/xet_token.h"

namespace hfhub::client {

XetReconstruction query_reconstruction(Session& session, XetTokenSource& token, const std::string& file_hash);

}  // namespace hfhub::client
