#include "server/metadata/markdown_html.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace hfhub::server {

namespace {

// The extensions GitHub (and the Hub) render; tagfilter also disarms <script>-like tags that a
// safe-mode render would leave out anyway.
constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist", "tagfilter"};

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct CharsDeleter {
  void operator()(char* s) const { std::free(s); }  // cmark's default allocator is malloc
};

std::string render(std::string_view markdown, int options) {
  // The registry is global to the library and filled once.
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(options));
  if (!parser) throw std::bad_alloc();
  for (const char* name : kExtensions)
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));
  if (!doc) throw std::bad_alloc();
  std::unique_ptr<char, CharsDeleter> html(
      cmark_render_html(doc.get(), options, cmark_parser_get_syntax_extensions(parser.get())));
  if (!html) throw std::bad_alloc();
  return std::string(html.get());
}

// CMARK_OPT_DEFAULT is safe mode (no CMARK_OPT_UNSAFE): raw HTML and dangerous URLs are omitted.
constexpr int kSafeOptions = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;

}  // namespace

std::string markdown_to_html(std::string_view markdown) { return render(markdown, kSafeOptions); }

std::string markdown_to_unsafe_html(std::string_view markdown) { return render(markdown, kSafeOptions | CMARK_OPT_UNSAFE); }

}  // namespace hfhub::server
