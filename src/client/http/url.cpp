#include "client/http/url.h"

#include "common/percent.h"

namespace hfhub::client {

Query& Query::add(std::string_view key, std::string_view value) {
  params_.emplace_back(std::string(key), std::string(value));
  return *this;
}

Query& Query::add_opt(std::string_view key, const std::optional<std::string>& value) {
  if (value) add(key, *value);
  return *this;
}

Query& Query::add_all(std::string_view key, const std::vector<std::string>& values) {
  for (const auto& v : values) add(key, v);
  return *this;
}

Query& Query::add_flag(std::string_view key, bool value) {
  if (value) add(key, "true");
  return *this;
}

std::string Query::encode() const {
  std::string out;
  for (const auto& [k, v] : params_) {
    if (!out.empty()) out += '&';
    out += percent_encode(k);
    out += '=';
    out += percent_encode(v);
  }
  return out;
}

std::string Query::append_to(std::string base) const {
  if (params_.empty()) return base;
  base += base.find('?') == std::string::npos ? '?' : '&';
  return base + encode();
}

std::string encode_revision(std::string_view revision) { return percent_encode(revision); }

std::string repo_api_path(RepoType type, std::string_view repo_id, const std::optional<std::string>& revision) {
  std::string path = "/api/" + std::string(repo_type_plural(type)) + "/" + std::string(repo_id);
  if (revision) path += "/revision/" + encode_revision(*revision);
  return path;
}

}  // namespace hfhub::client
