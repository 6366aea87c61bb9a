#include "server/web/templates.h"

#include <memory>
#include <stdexcept>
#include <unordered_map>

#include "common/html_escape.h"
#include "server/web/web_assets.h"

namespace hfhub::server {

namespace {

using Compiled = kainjow::mustache::mustache;

// Parsed once per thread: kainjow's render() is not const (it records errors in the template
// object), so one compiled template is never shared between worker threads.
Compiled& compiled(std::string_view name) {
  thread_local std::unordered_map<std::string, std::unique_ptr<Compiled>> cache;
  auto it = cache.find(std::string(name));
  if (it != cache.end()) return *it->second;
  auto tmpl = std::make_unique<Compiled>(std::string(WebAssets::get().template_text(name)));
  if (!tmpl->is_valid()) throw std::logic_error("web template " + std::string(name) + ": " + tmpl->error_message());
  tmpl->set_custom_escape([](const std::string& s) { return html_escape(s); });
  return *cache.emplace(std::string(name), std::move(tmpl)).first->second;
}

}  // namespace

std::string render_template(std::string_view name, View view) {
  for (auto& partial : WebAssets::get().partial_names()) {
    auto text = WebAssets::get().template_text(partial);
    view.set(partial, kainjow::mustache::partial([text] { return std::string(text); }));
  }
  auto& tmpl = compiled(name);
  auto out = tmpl.render(view);
  if (!tmpl.is_valid()) throw std::logic_error("web template " + std::string(name) + ": " + tmpl.error_message());
  return out;
}

}  // namespace hfhub::server
