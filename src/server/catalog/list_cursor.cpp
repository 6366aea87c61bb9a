#include "server/catalog/list_cursor.h"

#include <boost/json.hpp>

#include "common/base64.h"
#include "common/object_id.h"

namespace hfhub::server {

std::string_view repo_sort_name(RepoSort s) {
  switch (s) {
    case RepoSort::CreatedAt:
      return "createdAt";
    case RepoSort::LastModified:
      return "lastModified";
    case RepoSort::Downloads:
      return "downloads";
    case RepoSort::Likes:
      return "likes";
    case RepoSort::TrendingScore:
      return "trendingScore";
  }
  return "lastModified";
}

std::optional<RepoSort> parse_repo_sort(std::string_view n) {
  if (n == "createdAt") return RepoSort::CreatedAt;
  if (n == "lastModified") return RepoSort::LastModified;
  if (n == "downloads") return RepoSort::Downloads;
  if (n == "likes") return RepoSort::Likes;
  if (n == "trendingScore") return RepoSort::TrendingScore;
  return std::nullopt;
}

std::string encode_list_cursor(RepoSort sort, const KeysetPosition& p) {
  boost::json::object o;
  o["s"] = repo_sort_name(sort);
  if (sort == RepoSort::TrendingScore)
    o["v"] = p.sort_value;
  else
    o["v"] = int64_t(p.sort_value);
  o["i"] = p.object_id;
  return base64url_encode(boost::json::serialize(o));
}

std::optional<KeysetPosition> decode_list_cursor(std::string_view text, RepoSort sort) {
  if (text.empty() || text.size() > 512) return std::nullopt;
  auto json = base64_decode(text);
  if (!json) return std::nullopt;
  boost::system::error_code ec;
  auto v = boost::json::parse(*json, ec);
  if (ec || !v.is_object()) return std::nullopt;
  auto& o = v.as_object();
  auto* s = o.if_contains("s");
  auto* val = o.if_contains("v");
  auto* id = o.if_contains("i");
  if (!s || !val || !id || !s->is_string() || !id->is_string() || !val->is_number()) return std::nullopt;
  if (s->as_string() != repo_sort_name(sort) || !is_object_id(id->as_string())) return std::nullopt;
  KeysetPosition p;
  p.sort_value = val->to_number<double>();
  p.object_id = std::string(id->as_string());
  return p;
}

}  // namespace hfhub::server
