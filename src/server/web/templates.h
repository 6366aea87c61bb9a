#pragma once
// Renders the Mustache templates of resources/web/templates/ (kainjow's header-only library).
// `{{x}}` is HTML-escaped (& < > " '), so a value is safe in element content and in quoted
// attributes; `{{{x}}}` is only used for HTML this layer rendered itself.
#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

namespace hfhub::server {

using View = kainjow::mustache::data;
using ViewList = kainjow::mustache::list;

// Throws std::logic_error for a missing or malformed template (a bug in resources/web/).
// Templates whose name starts with '_' (templates/_card.mustache) are partials: `{{> _card}}`.
std::string render_template(std::string_view name, const View& view);

}  // namespace hfhub::server
