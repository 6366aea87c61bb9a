#include "server/metadata/card_html.h"

#include "server/metadata/front_matter.h"
#include "server/metadata/html_sanitizer.h"
#include "server/metadata/markdown_html.h"

namespace hfhub::server {

namespace {

// Cuts at most kMaxCardBytes, never inside a UTF-8 sequence.
std::string_view capped(std::string_view body, bool& truncated) {
  truncated = body.size() > kMaxCardBytes;
  if (!truncated) return body;
  size_t end = kMaxCardBytes;
  while (end > 0 && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80) --end;
  return body.substr(0, end);
}

}  // namespace

CardHtml render_card_html(std::string_view readme, const CardUrlBase& base) {
  CardHtml out;
  std::string_view body = capped(split_readme(readme).body, out.truncated);
  std::string unsafe = markdown_to_unsafe_html(body);
  out.html = sanitize_html(unsafe, [&base](std::string_view url, UrlUse use) { return card_url(url, use, base); });
  return out;
}

}  // namespace hfhub::server
