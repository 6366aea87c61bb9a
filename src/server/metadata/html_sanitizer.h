#pragma once
// HTML from an untrusted author (a repo card's raw HTML, rendered by cmark-gfm in unsafe mode)
// reduced to an allowlist of elements and attributes, so it can be shown inside our pages.
// Parsed by libxml2's HTML parser, the way a browser would build a tree from it (unclosed and
// misnested tags, entities, unquoted attributes), then written out again by us: whatever the
// input's syntax tricks, the output is only what the allowlist lets through, escaped by us.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace hfhub::server {

// Where a URL appears: a link's href, or an image's src.
enum class UrlUse { Link, Image };

// Decides each URL the sanitizer meets (after entity decoding): the URL to write instead, or
// nullopt to drop the attribute. Fragment-only links ("#x") never reach it.
using UrlFilter = std::function<std::optional<std::string>(std::string_view url, UrlUse use)>;

// The sanitized HTML. Kept: text (escaped); the structural and inline elements of Markdown and of
// the raw HTML cards commonly carry (div/p align, img width/height, details/summary, tables,
// sup/sub, br, a, kbd, ...), with only their presentational attributes. Dropped with their content:
// script, style, iframe, object, embed, svg, math, template, form controls, and the like. Other
// elements (form, font, meta, base, link, unknown tags) are dropped but their content is kept.
// Never kept: event handlers (on*), style, target, formaction, srcset, data-* and any attribute
// not listed. ids and names are prefixed "user-content-" (and "#x" links rewritten to match), so
// a card cannot clobber the page's own element ids. Links get rel="nofollow noopener".
std::string sanitize_html(std::string_view html, const UrlFilter& urls);

}  // namespace hfhub::server
