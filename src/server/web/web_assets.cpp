#include "server/web/web_assets.h"

#include <stdexcept>

#include "common/hash.h"
#include "server/web/web_resources.h"

namespace hfhub::server {

namespace {

constexpr std::string_view kTemplateDir = "templates/";
constexpr std::string_view kTemplateSuffix = ".mustache";
constexpr std::string_view kStaticDir = "static/";

std::string content_type_of(std::string_view name) {
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  if (name.ends_with(".png")) return "image/png";
  return "application/octet-stream";
}

}  // namespace

WebAssets::WebAssets() {
  for (const auto& file : embedded_web_files()) {
    auto name = file.name;
    if (name.starts_with(kTemplateDir) && name.ends_with(kTemplateSuffix)) {
      name.remove_prefix(kTemplateDir.size());
      name.remove_suffix(kTemplateSuffix.size());
      templates_.emplace(std::string(name), file.text);
      if (name.starts_with('_')) partials_.emplace_back(name);
    } else if (name.starts_with(kStaticDir)) {
      name.remove_prefix(kStaticDir.size());
      statics_.emplace(std::string(name),
                       StaticAsset{file.text, content_type_of(name), sha256_hex(file.text).substr(0, 16)});
    }
  }
}

const WebAssets& WebAssets::get() {
  static const WebAssets assets;
  return assets;
}

std::string_view WebAssets::template_text(std::string_view name) const {
  auto it = templates_.find(std::string(name));
  if (it == templates_.end()) throw std::logic_error("no web template " + std::string(name));
  return it->second;
}

const StaticAsset* WebAssets::find_static(std::string_view name) const {
  auto it = statics_.find(std::string(name));
  return it == statics_.end() ? nullptr : &it->second;
}

std::string WebAssets::static_url(std::string_view name) const {
  const auto* asset = find_static(name);
  if (!asset) throw std::logic_error("no static web file " + std::string(name));
  return "/static/" + asset->hash + "/" + std::string(name);
}

}  // namespace hfhub::server
