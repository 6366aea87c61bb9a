#include "server/metadata/html_sanitizer.h"

// libxml2's HTML parser (Debian's libxml2, maintained and fuzzed for decades) builds the tree a
// browser would from tag soup: a hand-written tokenizer is where sanitizers usually fail
// (unquoted attributes, entities in URLs, misnested tags). We only read its tree and write the
// output ourselves, so its serializer's choices never matter.
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <iterator>
#include <cctype>
#include <memory>
#include <mutex>
#include <string_view>

#include "common/html_escape.h"

namespace hfhub::server {

namespace {

constexpr std::string_view kIdPrefix = "user-content-";
// Deeper elements are left out with their content: libxml2 caps depth too, this keeps our own
// recursion bounded whatever its settings.
constexpr int kMaxDepth = 200;

// Dropped together with everything inside them: what they hold is code, a nested document or
// form state, never card text.
constexpr std::string_view kDropWithContent[] = {
    "script", "style",  "iframe", "frame", "frameset", "object", "embed",    "applet",   "noscript", "noembed", "noframes",
    "template", "textarea", "select", "option", "title", "svg", "math", "canvas", "audio", "video", "xmp"};

// The elements kept. Void ones have no closing tag.
constexpr std::string_view kAllowedElements[] = {
    "a",   "abbr", "b",      "bdi",  "bdo",    "blockquote", "br",   "caption", "center", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
    "section", "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "wbr", "ruby", "rt", "rp"};
constexpr std::string_view kVoidElements[] = {"br", "col", "hr", "img", "input", "wbr"};

// The classes cmark-gfm writes (code languages are "language-*"); a card's own classes could
// borrow the page's styles to imitate its interface.
constexpr std::string_view kAllowedClasses[] = {"footnotes",      "footnote-ref",        "footnote-backref",
                                                             "task-list-item", "contains-task-list", "data-footnote-backref"};

template <size_t N>
bool in(const std::string_view (&set)[N], std::string_view name) {
  return std::find(std::begin(set), std::end(set), name) != std::end(set);
}

bool allowed_element(std::string_view name) { return in(kAllowedElements, name); }

bool all_digits(std::string_view v, size_t max_len) {
  return !v.empty() && v.size() <= max_len && std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); });
}

// "300", "50%", "300px".
bool dimension(std::string_view v) {
  if (v.ends_with('%')) v.remove_suffix(1);
  else if (v.ends_with("px")) v.remove_suffix(2);
  return all_digits(v, 5);
}

bool one_of(std::string_view v, std::initializer_list<std::string_view> values) {
  std::string lower(v);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::find(values.begin(), values.end(), lower) != values.end();
}

std::string_view xml_view(const xmlChar* s) { return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view(); }
std::string xml_text(const xmlChar* s) { return std::string(xml_view(s)); }


std::string attribute_value(xmlAttrPtr attr) {
  std::unique_ptr<xmlChar, void (*)(void*)> value(xmlNodeGetContent(reinterpret_cast<xmlNodePtr>(attr)),
                                                   [](void* p) { xmlFree(p); });
  return xml_text(value.get());
}

std::string filtered_classes(std::string_view value) {
  std::string out;
  size_t at = 0;
  while (at < value.size()) {
    size_t end = value.find_first_of(" \t\n\r\f", at);
    if (end == std::string_view::npos) end = value.size();
    std::string_view token = value.substr(at, end - at);
    at = end + 1;
    if (token.empty()) continue;
    bool ok = in(kAllowedClasses, token) ||
              (token.starts_with("language-") && token.size() < 40 &&
               std::all_of(token.begin(), token.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '+'; }));
    if (!ok) continue;
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

std::string with_id_prefix(std::string_view value) {
  return value.starts_with(kIdPrefix) ? std::string(value) : std::string(kIdPrefix) + std::string(value);
}

// A presentational attribute's value as kept, or nullopt to drop it. URLs are decided elsewhere.
std::optional<std::string> plain_attribute(std::string_view element, std::string_view name, std::string_view value) {
  if (name == "title" || name == "lang" || name == "aria-label") return std::string(value);
  if (name == "dir") return one_of(value, {"ltr", "rtl", "auto"}) ? std::optional<std::string>(value) : std::nullopt;
  if (name == "id") return with_id_prefix(value);
  if (name == "class") {
    auto kept = filtered_classes(value);
    return kept.empty() ? std::nullopt : std::optional<std::string>(kept);
  }
  if (name == "align" && element != "a" && element != "img")
    return one_of(value, {"left", "right", "center", "justify"}) ? std::optional<std::string>(value) : std::nullopt;
  if (name == "align" && element == "img")
    return one_of(value, {"left", "right", "middle", "top", "bottom"}) ? std::optional<std::string>(value) : std::nullopt;
  if (name == "valign" && (element == "td" || element == "th" || element == "tr"))
    return one_of(value, {"top", "middle", "bottom", "baseline"}) ? std::optional<std::string>(value) : std::nullopt;
  bool sized = element == "img" || element == "td" || element == "th" || element == "table" || element == "col";
  if ((name == "width" || name == "height") && sized)
    return dimension(value) ? std::optional<std::string>(value) : std::nullopt;
  bool cell = element == "td" || element == "th";
  if ((name == "colspan" || name == "rowspan") && cell)
    return all_digits(value, 3) ? std::optional<std::string>(value) : std::nullopt;
  if (element == "img" && name == "alt") return std::string(value);
  if (element == "a" && name == "name") return with_id_prefix(value);
  if (element == "details" && name == "open") return std::string();
  if (element == "ol" && name == "start") return all_digits(value, 9) ? std::optional<std::string>(value) : std::nullopt;
  if (element == "ol" && name == "type")
    return one_of(value, {"1", "a", "i"}) ? std::optional<std::string>(value) : std::nullopt;
  if (element == "input" && name == "checked") return std::string();
  return std::nullopt;
}

class Writer {
 public:
  explicit Writer(const UrlFilter& urls) : urls_(urls) {}

  void children(xmlNodePtr parent, int depth) {
    for (xmlNodePtr n = parent->children; n; n = n->next) node(n, depth);
  }

  std::string take() { return std::move(out_); }

 private:
  void node(xmlNodePtr n, int depth) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      append_html_escaped(out_, xml_view(n->content));
      return;
    }
    if (n->type != XML_ELEMENT_NODE || depth > kMaxDepth) return;  // comments, doctypes, PIs
    std::string_view name = xml_view(n->name);
    if (in(kDropWithContent, name)) return;
    if (!allowed_element(name)) {
      children(n, depth + 1);  // form, font, html, body, unknown tags: their text stays
      return;
    }
    if (!open_tag(n, name)) return;
    if (in(kVoidElements, name)) return;
    children(n, depth + 1);
    out_ += "</";
    out_ += name;
    out_ += '>';
  }

  // Writes the start tag with the attributes kept; false when the element goes (an image with
  // no acceptable source, an input that is no checkbox).
  bool open_tag(xmlNodePtr n, std::string_view name) {
    std::string attrs;
    bool has_source = false, checkbox = false, has_href = false;
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
      std::string attr = xml_text(a->name);
      std::string value = attribute_value(a);
      std::optional<std::string> kept;
      if (name == "a" && attr == "href") {
        kept = link_target(value);
        has_href = kept.has_value();
      } else if (name == "img" && attr == "src") {
        kept = urls_(value, UrlUse::Image);
        has_source = kept.has_value();
      } else if (name == "input" && attr == "type") {
        checkbox = one_of(value, {"checkbox"});
        continue;
      } else {
        kept = plain_attribute(name, attr, value);
      }
      if (!kept) continue;
      attrs += ' ';
      attrs += attr;
      if (!kept->empty() || (attr != "open" && attr != "checked")) {
        attrs += "=\"";
        append_html_escaped(attrs, *kept);
        attrs += '"';
      }
    }
    if (name == "img" && !has_source) return false;
    if (name == "input" && !checkbox) return false;
    out_ += '<';
    out_ += name;
    if (name == "input") out_ += " type=\"checkbox\" disabled=\"\"";
    out_ += attrs;
    if (name == "img") out_ += " loading=\"lazy\"";
    if (has_href) out_ += " rel=\"nofollow noopener\"";
    out_ += '>';
    return true;
  }

  std::optional<std::string> link_target(const std::string& href) {
    std::string_view trimmed = href;
    while (!trimmed.empty() && static_cast<unsigned char>(trimmed.front()) <= ' ') trimmed.remove_prefix(1);
    if (trimmed.starts_with('#')) return "#" + with_id_prefix(trimmed.substr(1));
    return urls_(href, UrlUse::Link);
  }

  const UrlFilter& urls_;
  std::string out_;
};

struct DocDeleter {
  void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
};

}  // namespace

std::string sanitize_html(std::string_view html, const UrlFilter& urls) {
  // libxml2 wants its globals set up once before threads parse concurrently.
  static std::once_flag initialized;
  std::call_once(initialized, [] { xmlInitParser(); });
  if (html.empty()) return {};
  if (html.size() > INT_MAX) return html_escape(html);  // beyond libxml2's int sizes; callers cap far lower
  // NONET: never fetch anything; NOIMPLIED is left off so that misplaced content still lands in
  // a tree we walk whole (html, head and body are unwrapped like any unknown element).
  // COMPACT: short text nodes stored inline, fewer allocations.
  constexpr int kOptions =
      HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_COMPACT;
  std::unique_ptr<xmlDoc, DocDeleter> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", kOptions));
  if (!doc) return html_escape(html);  // nothing parsed: show it as text, never as markup
  Writer writer(urls);
  writer.children(reinterpret_cast<xmlNodePtr>(doc.get()), 0);
  return writer.take();
}

}  // namespace hfhub::server
