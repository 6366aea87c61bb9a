#pragma once
// Markdown to HTML as the Hub shows comments (docs/discussions.md#events): GitHub-flavoured
// (tables, strikethrough, autolinks, task lists) through cmark-gfm, in its safe mode: raw HTML is
// left out and links to javascript:, vbscript:, file: and most data: URLs are dropped, so a
// comment's HTML can be shown as is.
#include <string>
#include <string_view>

namespace hfhub::server {

std::string markdown_to_html(std::string_view markdown);

// The same rendering in cmark-gfm's unsafe mode: raw HTML and every URL pass through. Never show
// it as is; card_html.h sanitizes it (repo cards carry raw HTML that safe mode would drop).
std::string markdown_to_unsafe_html(std::string_view markdown);

}  // namespace hfhub::server
