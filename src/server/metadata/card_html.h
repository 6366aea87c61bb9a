#pragma once
// A repo card (README.md) as HTML for the repo page. Cards are Markdown with raw HTML in them
// (<div align="center">, <img width=...>, <details>, tables), so comments' safe mode, which drops
// all raw HTML, is not enough: the card renders in cmark-gfm's unsafe mode and the result goes
// through sanitize_html (html_sanitizer.h), whose relative URLs point into the repo (card_url.h).
// Math ($...$, $$...$$) is not interpreted: it shows as the text it is, escaped like any text.
#include <cstddef>
#include <string>
#include <string_view>

#include "server/metadata/card_url.h"

namespace hfhub::server {

// Cards longer than this render their first kMaxCardBytes only (a card is text for people; the
// Hub's own cards are well below it), so one huge README cannot hold a worker for long.
inline constexpr size_t kMaxCardBytes = 1 << 20;

struct CardHtml {
  std::string html;
  bool truncated = false;  // the card was longer than kMaxCardBytes
};

// The card's body (its YAML front matter left out) rendered and sanitized.
CardHtml render_card_html(std::string_view readme, const CardUrlBase& base);

}  // namespace hfhub::server
