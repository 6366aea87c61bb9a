#include "server/web/templates.h"

#include <memory>
#include <stdexcept>
#include <unordered_map>

#include "common/html_escape.h"
#include "server/web/web_assets.h"

namespace hfhub::server {

namespace {

using Compiled = kainjow::mustache::mustache;

// The template's text with every `{{> _name}}` replaced by that partial's text. kainjow parses a
// partial again each time it is rendered (30 times for the cards of one listing page, most of
// the page's CPU), so partials are inlined once, before the template is parsed.
std::string inline_partials(std::string text, int depth = 0) {
  if (depth > 4) throw std::logic_error("web templates: partials nest deeper than 4");
  for (auto& partial : WebAssets::get().partial_names()) {
    const std::string tag = "{{> " + std::string(partial) + "}}";
    std::string body;
    for (size_t at = text.find(tag); at != std::string::npos; at = text.find(tag, at + body.size())) {
      if (body.empty()) body = inline_partials(std::string(WebAssets::get().template_text(partial)), depth + 1);
      text.replace(at, tag.size(), body);
    }
  }
  return text;
}

// Parsed once per thread: kainjow's render() is not const (it records errors in the template
// object), so one compiled template is never shared between worker threads.
Compiled& compiled(std::string_view name) {
  thread_local std::unordered_map<std::string, std::unique_ptr<Compiled>> cache;
  auto it = cache.find(std::string(name));
  if (it != cache.end()) return *it->second;
  auto tmpl = std::make_unique<Compiled>(inline_partials(std::string(WebAssets::get().template_text(name))));
  if (!tmpl->is_valid()) throw std::logic_error("web template " + std::string(name) + ": " + tmpl->error_message());
  tmpl->set_custom_escape([](const std::string& s) { return html_escape(s); });
  return *cache.emplace(std::string(name), std::move(tmpl)).first->second;
}

}  // namespace

std::string render_template(std::string_view name, const View& view) {
  auto& tmpl = compiled(name);
  auto out = tmpl.render(view);
  if (!tmpl.is_valid()) throw std::logic_error("web template " + std::string(name) + ": " + tmpl.error_message());
  return out;
}

}  // namespace hfhub::server
