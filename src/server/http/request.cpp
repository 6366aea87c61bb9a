#include "server/http/request.h"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/url.hpp>
#include "common/error_code.h"
#include "common/percent.h"
#include "server/model/domain_error.h"

namespace hfhub::server {

std::optional<QueryParams> QueryParams::parse(std::string_view qs) {
  // Boost.URL splits and decodes. Setting the query escapes what RFC 3986 leaves out of one
  // ('|', '{', '"', ...), which clients send raw and the Hub accepts; decoding restores it.
  auto escaped = boost::urls::make_pct_string_view(qs);
  if (!escaped) return std::nullopt;
  boost::urls::url url;
  url.set_encoded_query(*escaped);
  boost::urls::encoding_opts plus_as_space;
  plus_as_space.space_as_plus = true;
  QueryParams out;
  for (auto item : url.encoded_params()) {
    if (item.key.empty() && !item.has_value) continue;  // "a&&b", or no query at all
    out.items_.emplace_back(item.key.decode(plus_as_space), item.value.decode(plus_as_space));
  }
  return out;
}

static bool key_matches(std::string_view key, std::string_view name) {
  return key == name ||
         (key.size() == name.size() + 2 && key.substr(0, name.size()) == name && key.substr(name.size()) == "[]");
}

std::optional<std::string_view> QueryParams::get(std::string_view name) const {
  for (auto& [k, v] : items_)
    if (key_matches(k, name)) return std::string_view(v);
  return std::nullopt;
}

std::vector<std::string> QueryParams::all(std::string_view name, bool split_commas) const {
  std::vector<std::string> out;
  for (auto& [k, v] : items_) {
    if (!key_matches(k, name)) continue;
    std::string_view rest = v;
    while (true) {
      auto comma = split_commas ? rest.find(',') : std::string_view::npos;
      auto part = rest.substr(0, comma);
      if (!part.empty()) out.emplace_back(part);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return out;
}

std::optional<bool> QueryParams::boolean(std::string_view name) const {
  auto v = get(name);
  if (!v) return std::nullopt;
  if (*v == "true" || *v == "True" || *v == "1" || v->empty()) return true;
  if (*v == "false" || *v == "False" || *v == "0") return false;
  throw DomainError(ErrorKind::InvalidParameter,
                    "Invalid value for '" + std::string(name) + "': expected true or false");
}

std::optional<std::string_view> Request::header(std::string_view lower_name) const {
  for (auto& [k, v] : headers)
    if (k == lower_name) return std::string_view(v);
  return std::nullopt;
}

}  // namespace hfhub::server
