#pragma once
// The web UI's templates and static files (resources/web/), indexed once at first use. Static
// files are served under /static/<hash>/<name>, the hash being their content's: a page always
// names the version it was rendered with, so the files can be cached for a year (docs/web.md).
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hfhub::server {

struct StaticAsset {
  std::string_view text;
  std::string content_type;
  std::string hash;  // the first 16 hex digits of the content's SHA-256
};

class WebAssets {
 public:
  static const WebAssets& get();

  // The template text of templates/<name>.mustache; throws std::logic_error when missing.
  std::string_view template_text(std::string_view name) const;
  // The templates used as partials: those whose name starts with '_'.
  const std::vector<std::string>& partial_names() const { return partials_; }
  const StaticAsset* find_static(std::string_view name) const;
  // "/static/<hash>/<name>" of a file under static/.
  std::string static_url(std::string_view name) const;

 private:
  WebAssets();
  std::unordered_map<std::string, std::string_view> templates_;
  std::vector<std::string> partials_;
  std::unordered_map<std::string, StaticAsset> statics_;
};

}  // namespace hfhub::server
