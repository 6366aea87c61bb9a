#pragma once
// Papers (docs/client.md#papers): paper_info, list_papers and list_daily_papers.
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "client/http/session.h"
#include "hfhub/papers.h"

namespace hfhub::client {

// One paper as the Hub answers it: a paper object (paper_info) or a daily entry
// ({paper: {...}, title, publishedAt (the submission), submittedBy, numComments, ...}), read the
// way Python's PaperInfo reads both.
PaperInfo parse_paper_info(const boost::json::object& o);

PaperInfo paper_info(Session& session, std::string_view id);
std::vector<PaperInfo> list_papers(Session& session, const ListPapersParams& params);
std::vector<PaperInfo> list_daily_papers(Session& session, const ListDailyPapersParams& params);

}  // namespace hfhub::client
