#pragma once
// "Browse latest models" (seed 000): the newest models of GET /api/models?sort=createdAt&
// direction=-1, reshaped into the tool's output document:
//   {"query":{sort,direction,limit,filter,library,author,search},"count":K,
//    "next_cursor_url":url|null,"models":[{id,author,created_at,last_modified,pipeline_tag,
//    library_name,tags,downloads,likes,gated,private[,sha],url}]}
// and, when rate-limited beyond the caller's patience:
//   {"error":"rate_limited","retry_after_seconds":N,"ratelimit_remaining":0}
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "client/api/pagination.h"
#include "client/http/session.h"
#include "hfhub/errors.h"

namespace hfhub::client {

struct LatestModelsQuery {
  int64_t limit = 50;
  std::optional<std::string> filter;  // pipeline task
  std::optional<std::string> library;
  std::optional<std::string> author;
  std::optional<std::string> search;
  bool full = false;                      // full=true (adds sha); else one expand[] per output field
  std::optional<std::string> cursor_url;  // a previous next_cursor_url, fetched verbatim
  bool exclude_nsfw = false;              // drop tags "not-for-all-audiences" / "nsfw"
};

// The properties requested with `expand` when not `full`: every output field, real data.
inline constexpr const char* kLatestExpand[] = {"author", "createdAt", "lastModified", "pipeline_tag", "library_name",
                                                "tags",   "downloads", "likes",        "gated",        "private"};

// {endpoint}/api/models?sort=createdAt&direction=-1&limit=N[&filter][&library][&author][&search]
// then full=true or the expand list. The cursor URL instead, verbatim, when set.
std::string latest_models_url(std::string_view endpoint, const LatestModelsQuery& q);

bool is_nsfw(const boost::json::object& item);

// One output model from an API item. `author` falls back to the id's namespace; `sha` only
// when full.
boost::json::object latest_model_entry(const boost::json::object& item, std::string_view endpoint, bool full);

boost::json::object latest_query_json(const LatestModelsQuery& q);

// The output document for one fetched page.
boost::json::object build_latest_output(const LatestModelsQuery& q, const JsonPage& page, std::string_view endpoint);

// {"error":"rate_limited","retry_after_seconds":N,"ratelimit_remaining":R}
boost::json::object rate_limited_output(const RateLimitedError& e);

// Fetches one page through the session (retries/429 waits per its options) and builds the output.
boost::json::object fetch_latest_models(Session& session, const LatestModelsQuery& q);

}  // namespace hfhub::client
