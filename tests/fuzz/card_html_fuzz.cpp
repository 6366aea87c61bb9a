// A repo card (README.md) pushed by anyone becomes HTML on its repo page. Whatever the Markdown
// and raw HTML, the output may hold only allowlisted tags with allowlisted attributes, every
// attribute written as name="value", no URL with a scheme other than http(s), mailto or an image
// data: URL, and no '<' that does not open such a tag. The sanitizer alone is fuzzed too, with
// the input as HTML (no tagfilter in front).
#include <cctype>
#include <cstdint>
#include <set>
#include <string>

#include "fuzz_check.h"
#include "server/metadata/card_html.h"
#include "server/metadata/html_sanitizer.h"

using namespace hfhub::server;
using hfhub::fuzz::check;

namespace {

const std::set<std::string, std::less<>> kTags = {
    "a",  "abbr", "b",   "bdi", "bdo",  "blockquote", "br",  "caption", "center", "cite",    "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
    "section", "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "tt", "u", "ul", "var", "wbr", "ruby", "rt", "rp"};
const std::set<std::string, std::less<>> kAttributes = {
    "title", "lang", "aria-label", "dir", "id", "class", "align", "valign", "width", "height", "colspan", "rowspan", "alt",
    "name", "open", "start", "type", "checked", "disabled", "href", "src", "rel", "loading"};

// Schemes compare without case (HTTPS://x and data:image/PNG are fine).
bool safe_url(std::string_view value) {
  std::string v(value.substr(0, 16));
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view ok : {"/", "#", "http:", "https:", "mailto:", "data:image/png", "data:image/jpeg",
                              "data:image/gif", "data:image/webp"})
    if (v.starts_with(ok)) return true;
  return false;
}

// Reads one tag at `at` (just after '<'); returns the index after its '>'.
size_t check_tag(const std::string& html, size_t at) {
  if (at < html.size() && html[at] == '/') ++at;
  size_t name_end = html.find_first_of(" >", at);
  check(name_end != std::string::npos, "a tag without its end");
  check(kTags.count(std::string_view(html).substr(at, name_end - at)) == 1, "a tag outside the allowlist");
  size_t i = name_end;
  while (html[i] == ' ') {
    size_t eq = html.find_first_of("= >", i + 1);
    check(eq != std::string::npos, "an attribute without an end");
    std::string_view attr = std::string_view(html).substr(i + 1, eq - i - 1);
    check(kAttributes.count(attr) == 1, "an attribute outside the allowlist");
    i = eq;
    if (html[i] != '=') continue;
    check(html[i + 1] == '"', "an unquoted attribute value");
    size_t close = html.find('"', i + 2);
    check(close != std::string::npos, "an attribute value without its closing quote");
    std::string_view value = std::string_view(html).substr(i + 2, close - i - 2);
    check(value.find('<') == std::string_view::npos, "a raw '<' in an attribute");
    if (attr == "href" || attr == "src") check(safe_url(value), "a URL with a scheme not allowed");
    i = close + 1;
  }
  check(i < html.size() && html[i] == '>', "a tag not closed by '>'");
  return i + 1;
}

void check_output(const std::string& html) {
  for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at)) at = check_tag(html, at + 1);
  check(html.find("<!--") == std::string::npos, "a comment");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  CardUrlBase base{"ns/repo", "refs/pr/1"};
  check_output(render_card_html(input, base).html);
  check_output(sanitize_html(input, [&](std::string_view url, UrlUse use) { return card_url(url, use, base); }));
  return 0;
}
