// Comment markdown to HTML (server/metadata/markdown_html.h): GitHub-flavoured, and safe to show.
#include "server/metadata/markdown_html.h"

#include <gtest/gtest.h>

namespace hfhub::server {
namespace {

TEST(MarkdownHtml, RendersGithubFlavouredMarkdown) {
  EXPECT_EQ(markdown_to_html("Looks **good**, `merge` it"),
            "<p>Looks <strong>good</strong>, <code>merge</code> it</p>\n");
  auto table = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n");
  EXPECT_NE(table.find("<table>"), std::string::npos) << table;
  EXPECT_NE(table.find("<td>2</td>"), std::string::npos) << table;
  EXPECT_NE(markdown_to_html("~~old~~").find("<del>old</del>"), std::string::npos);
  EXPECT_NE(markdown_to_html("see https://example.com/x").find("<a href=\"https://example.com/x\">"),
            std::string::npos);
  EXPECT_NE(markdown_to_html("- [x] done\n").find("checked"), std::string::npos);
}

TEST(MarkdownHtml, RawHtmlAndScriptLinksAreLeftOut) {
  auto html =
      markdown_to_html("hi <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<div onclick=x>block</div>\n");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img"), std::string::npos) << html;
  EXPECT_EQ(html.find("<div"), std::string::npos) << html;
  auto link = markdown_to_html("[click](javascript:alert(1)) [ok](https://huggingface.co)");
  EXPECT_EQ(link.find("javascript:"), std::string::npos) << link;
  EXPECT_NE(link.find("href=\"https://huggingface.co\""), std::string::npos) << link;
  EXPECT_EQ(markdown_to_html("a < b & c"), "<p>a &lt; b &amp; c</p>\n");
}

}  // namespace
}  // namespace hfhub::server
