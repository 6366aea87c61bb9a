// Repo cards to HTML (server/metadata/card_html.h): raw HTML kept where it is harmless, every
// script vector left inert, relative URLs pointing into the repo.
#include "server/metadata/card_html.h"
#include "server/metadata/html_sanitizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace hfhub::server {
namespace {

const CardUrlBase kBase{"acme/llm", "main"};

std::string render(std::string_view readme) { return render_card_html(readme, kBase).html; }

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool has(const std::string& html, std::string_view needle) { return html.find(needle) != std::string::npos; }

void expect_contains(const std::string& html, std::initializer_list<std::string_view> needles) {
  for (auto needle : needles) EXPECT_TRUE(has(html, needle)) << needle << " missing from: " << html;
}
void expect_lacks(const std::string& html, std::initializer_list<std::string_view> needles) {
  for (auto needle : needles) EXPECT_FALSE(has(html, needle)) << needle << " in: " << html;
}

// No markup that can run code or leave the page, in any letter case. Text may say anything: it is
// escaped (tagfilter turns <script> into the text "<script>", as GitHub shows it). Every attribute
// is written as name="value", so a dangerous URL would start right after `="`.
void expect_inert(const std::string& html) {
  std::string l = lower(html);
  for (std::string_view bad : {"<script", "<iframe", "<object", "<embed", "<svg", "<style", "<meta", "<base", "<form",
                               "<link", "<math", "<button", "=\"javascript", "=\"vbscript", "=\"data:text", "=\"file:",
                               " on", "style=", "formaction", "srcdoc"}) {
    if (bad == " on") {
      // an event handler is an attribute " on...=" inside a tag
      for (size_t at = l.find('<'); at != std::string::npos; at = l.find('<', at + 1)) {
        std::string tag = l.substr(at, l.find('>', at) - at);
        for (size_t on = tag.find(" on"); on != std::string::npos; on = tag.find(" on", on + 1)) {
          size_t eq = tag.find_first_of("= >", on + 1);
          EXPECT_TRUE(eq == std::string::npos || tag[eq] != '=') << "event handler in " << tag;
        }
      }
      continue;
    }
    EXPECT_FALSE(has(l, bad)) << bad << " in: " << html;
  }
}

TEST(CardHtml, FrontMatterIsLeftOut) {
  auto html = render("---\nlicense: mit\ntags: [a]\n---\n# Model\n\nHello\n");
  EXPECT_EQ(html, "<h1>Model</h1>\n<p>Hello</p>\n");
}

TEST(CardHtml, KeepsTheRawHtmlCardsUse) {
  auto html = render(
      "<div align=\"center\">\n<img src=\"https://example.com/logo.png\" width=\"300\" alt=\"Logo\">\n</div>\n\n"
      "<details><summary>More</summary>\n\nHidden <sup>1</sup> <sub>2</sub><br>line\n\n</details>\n\n"
      "<p align=\"center\"><a href=\"https://arxiv.org/abs/1\">Paper</a></p>\n");
  expect_contains(html, {
      "<div align=\"center\">",
      "<img src=\"https://example.com/logo.png\" width=\"300\" alt=\"Logo\" loading=\"lazy\">",
      "<details><summary>More</summary>",
      "<sup>1</sup> <sub>2</sub><br>line",
      "<a href=\"https://arxiv.org/abs/1\" rel=\"nofollow noopener\">Paper</a>"
  });
  expect_inert(html);
}

TEST(CardHtml, TablesCodeAndTaskLists) {
  auto html = render("| a | b |\n|:-:|---|\n| 1 | 2 |\n\n```python\nprint('<b>hi</b>')\n```\n\n- [x] done\n");
  expect_contains(html, {
      "<table>",
      "<th align=\"center\">a</th>",
      "<td>2</td>"
  });
  EXPECT_TRUE(has(html, "<pre><code class=\"language-python\">print(&#39;&lt;b&gt;hi&lt;/b&gt;&#39;)\n</code></pre>"))
      << html;
  EXPECT_TRUE(has(html, "<input type=\"checkbox\" disabled=\"\" checked>")) << html;
}

TEST(CardHtml, MathStaysEscapedText) {
  auto html = render("Loss $a<b$ and\n\n$$\\sum_{i<n} x_i > 0$$\n");
  expect_contains(html, {
      "$a&lt;b$",
      "$$\\sum_{i&lt;n} x_i &gt; 0$$"
  });
}

TEST(CardHtml, RelativeUrlsPointIntoTheRepo) {
  auto html = render("![chart](./images/chart.png) [config](config.json) [docs](docs/) "
                     "<img src=\"assets/a b.png\" width=\"50%\"> [x](../../x.md?plain=1#top) [home](/models)\n");
  expect_contains(html, {
      "src=\"/acme/llm/resolve/main/images/chart.png\"",
      "href=\"/acme/llm/blob/main/config.json\"",
      "href=\"/acme/llm/tree/main/docs\"",
      "src=\"/acme/llm/resolve/main/assets/a b.png\" width=\"50%\"",
      "href=\"/acme/llm/blob/main/x.md?plain=1#top\"",
      "href=\"/models\""
  });
  // A leading backslash is a slash to browsers: written as one.
  auto slashes = render("<a href=\"\\\\cdn.example/a\">x</a> <img src=\"\\img.png\">\n");
  EXPECT_TRUE(has(slashes, "href=\"//cdn.example/a\"")) << slashes;
  EXPECT_FALSE(has(slashes, "<img")) << slashes;  // "\img.png" is "/img.png": see below

  // A page of this server as an image would be fetched with the viewer's cookies: only files
  // (resolve URLs) may be one.
  auto site = render("<img src=\"/signout\"> <img src=\"/acme/other/resolve/main/a.png\"> [out](/signout)\n");
  EXPECT_FALSE(has(site, "src=\"/signout\"")) << site;
  EXPECT_TRUE(has(site, "src=\"/acme/other/resolve/main/a.png\"")) << site;
  EXPECT_TRUE(has(site, "href=\"/signout\"")) << site;  // a link needs a click: it stays
  auto pr = render_card_html("![a](a.png)", {"datasets/acme/data", "refs/pr/1"}).html;
  EXPECT_TRUE(has(pr, "src=\"/datasets/acme/data/resolve/refs%2Fpr%2F1/a.png\"")) << pr;
}

TEST(CardHtml, FootnotesKeepWorkingWithPrefixedIds) {
  auto html = render("Text[^1]\n\n[^1]: The note\n\n<a name=\"top\"></a> [up](#top)\n");
  expect_contains(html, {
      "href=\"#user-content-fn-1\"",
      "id=\"user-content-fn-1\"",
      "<a name=\"user-content-top\"></a>",
      "href=\"#user-content-top\""
  });
}

TEST(CardHtml, ScriptsAndStylesShowAsText) {
  // GFM's tagfilter escapes these tags before the sanitizer sees them: the card shows their text.
  auto html = render("a <script>alert(1)</script> b\n\n<script src=x></script>\n\n<style>body{display:none}</style>\n"
                     "\n<SCRIPT>alert(2)</SCRIPT>\n\n<noscript><p>x</p></noscript>\n");
  expect_inert(html);
  EXPECT_TRUE(has(html, "<p>a &lt;script&gt;alert(1)&lt;/script&gt; b</p>")) << html;
}

TEST(HtmlSanitizer, DropsScriptsAndStylesWithTheirContent) {
  // Without tagfilter in front (the sanitizer's own guarantee).
  UrlFilter keep = [](std::string_view url, UrlUse) { return std::optional<std::string>(url); };
  auto html = sanitize_html("a <script>alert(1)</script> b<style>body{display:none}</style><SCRIPT>alert(2)</SCRIPT>"
                            "<noscript><p>x</p></noscript><iframe src=https://evil.example>in</iframe><svg><g onload=x>"
                            "</g></svg><template><img src=x onerror=alert(1)></template><textarea>t</textarea>c",
                            keep);
  EXPECT_EQ(html, "<p>a  bc</p>");  // libxml2 puts loose text in a paragraph
  EXPECT_EQ(sanitize_html("<form action=x><b>bold</b><input name=q></form><font color=red>red</font>", keep),
            "<b>bold</b>red");
}

TEST(CardHtml, EventHandlersAreDropped) {
  auto html = render("<img src=x onerror=alert(1)>\n\n<svg onload=alert(1)><circle/></svg>\n\n"
                     "<div onclick=\"alert(1)\" OnMouseOver='alert(2)'>text</div>\n\n"
                     "<details open ontoggle=alert(1)><summary>s</summary></details>\n\n"
                     "<body onload=alert(1)>b</body>\n\n<a href=https://ok.example onfocus=alert(1) autofocus>x</a>\n");
  expect_inert(html);
  expect_contains(html, {
      "<div>text</div>",
      "<details open>",
      "<img src=\"/acme/llm/resolve/main/x\" loading=\"lazy\">"
  });
}

TEST(CardHtml, ScriptUrlsAreDroppedInEveryDisguise) {
  for (std::string_view href :
       {"javascript:alert(1)", "  JaVaScRiPt:alert(1)", "jav&#x09;ascript:alert(1)", "jav&#x0A;ascript:alert(1)",
        "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)", "&#x6A;avascript&colon;alert(1)",
        "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaPB0Pg==", "\x01javascript:alert(1)",
        "file:///etc/passwd"}) {
    std::string card = "<a href=\"" + std::string(href) + "\">x</a> <img src=\"" + std::string(href) + "\">\n";
    auto html = render(card);
    expect_inert(html);
    // Either gone, or (an HTML5-only entity such as &colon;, which libxml2's HTML 4 table does not
    // decode and which we write back escaped, so the browser does not decode it either) a
    // harmless path in the repo.
    for (std::string_view attr : {"href=\"", "src=\""})
      if (size_t at = html.find(attr); at != std::string::npos)
        EXPECT_EQ(html.substr(at + attr.size(), 10), "/acme/llm/") << href << " → " << html;
  }
  auto md = render("[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) <javascript:alert(1)>\n");
  expect_inert(md);
  auto unquoted = render("<a href=javascript:alert(1)>x</a>\n");
  expect_inert(unquoted);
}

TEST(CardHtml, DataUrlsOnlyForImages) {
  auto html = render("<img src=\"data:image/png;base64,iVBORw0KGgo=\"> <a href=\"data:image/png;base64,iVBO\">x</a> "
                     "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">\n");
  EXPECT_TRUE(has(html, "<img src=\"data:image/png;base64,iVBORw0KGgo=\"")) << html;
  expect_lacks(html, {
      "href=\"data:",
      "svg+xml"
  });
}

TEST(CardHtml, EmbeddingAndPageTakeoverElementsGo) {
  auto html = render("<iframe src=\"https://evil.example\"></iframe>\n\n<object data=x></object><embed src=x>\n\n"
                     "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">\n\n<base href=\"https://evil.example/\">\n\n"
                     "<link rel=stylesheet href=https://evil.example/x.css>\n\n"
                     "<form action=https://evil.example><input name=q><button formaction=javascript:alert(1)>Go</button></form>\n\n"
                     "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>\n\n"
                     "<p style=\"position:fixed;top:0\">over</p>\n");
  expect_inert(html);
  EXPECT_FALSE(has(html, "=\"https://evil.example")) << html;
  EXPECT_TRUE(has(html, "<p>over</p>")) << html;
  EXPECT_TRUE(has(html, "Go")) << html;  // the button's text stays, the button goes
  EXPECT_FALSE(has(html, "<input")) << html;
}

TEST(CardHtml, MalformedAndNestedHtmlStaysInert) {
  for (std::string_view card :
       {"<div><p>unclosed <b>bold <i>both</div> after\n", "<<script>script>alert(1)<</script>/script>\n",
        "<img src=\"x\" alt=\"\"onerror=\"alert(1)\">\n", "<a href='x' title=\"a\"b\" onmouseover=alert(1)>t</a>\n",
        "<!-- <script>alert(1)</script> -->\n", "<![CDATA[<script>alert(1)</script>]]>\n",
        "<scr<script>ipt>alert(1)</script>\n", "<img/src=x/onerror=alert(1)>\n", "<div\nonclick=alert(1)>x</div>\n",
        "</title><script>alert(1)</script>\n", "<textarea><script>alert(1)</script></textarea>\n",
        "<table><tr><td><script>alert(1)</script></td></tr></table>\n"}) {
    auto html = render(card);
    expect_inert(html);
    EXPECT_FALSE(has(lower(html), "<script")) << card << " → " << html;
  }
}

TEST(CardHtml, ClassesAndUnknownAttributesAreFiltered) {
  auto html = render("<div class=\"modal-overlay btn\" data-x=1 id=main><span class=\"language-x\" aria-label=\"x\">x</span>"
                     "</div>\n\n"
                     "<a href=\"https://a.example\" target=\"_top\">a</a> <img src=a.png width=\"100;x\" height=\"40px\" "
                     "srcset=\"evil.png 2x\">\n");
  expect_contains(html, {
      "<div id=\"user-content-main\">",
      "<span class=\"language-x\" aria-label=\"x\">"
  });
  expect_lacks(html, {
      "target",
      "srcset"
  });
  EXPECT_TRUE(has(html, "<img src=\"/acme/llm/resolve/main/a.png\" height=\"40px\" loading=\"lazy\">")) << html;
}

TEST(CardHtml, EntitiesInTextStayText) {
  auto html = render("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</p>\n");
  EXPECT_EQ(html, "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</p>\n");
}

TEST(CardHtml, HugeCardsAreCut) {
  std::string readme(kMaxCardBytes + 100, 'a');
  auto out = render_card_html(readme, kBase);
  EXPECT_TRUE(out.truncated);
  EXPECT_LE(out.html.size(), kMaxCardBytes + 16);
  EXPECT_FALSE(render_card_html("# small\n", kBase).truncated);
}

}  // namespace
}  // namespace hfhub::server
