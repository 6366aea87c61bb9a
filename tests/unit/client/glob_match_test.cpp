// Python fnmatch semantics of the allow/ignore/delete patterns (common/glob_match.h).
#include "common/glob_match.h"

#include <gtest/gtest.h>

namespace hfhub {
namespace {

TEST(GlobMatch, StarCrossesSlashLikePythonFnmatch) {
  EXPECT_TRUE(glob_match("*.json", "config.json"));
  EXPECT_TRUE(glob_match("*.json", "sub/dir/config.json"));
  EXPECT_TRUE(glob_match("*", "a/b/c"));
  EXPECT_TRUE(glob_match("data/*", "data/x/y.bin"));
  EXPECT_FALSE(glob_match("*.json", "config.json.bak"));
  EXPECT_TRUE(glob_match("", ""));
  EXPECT_FALSE(glob_match("", "a"));
}

TEST(GlobMatch, QuestionMarkIsOneCharacterIncludingSlash) {
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_TRUE(glob_match("a?c", "a/c"));
  EXPECT_FALSE(glob_match("a?c", "ac"));
  EXPECT_FALSE(glob_match("a?c", "abbc"));
}

TEST(GlobMatch, BracketSetsRangesAndNegation) {
  EXPECT_TRUE(glob_match("model-[0-9].bin", "model-3.bin"));
  EXPECT_FALSE(glob_match("model-[0-9].bin", "model-x.bin"));
  EXPECT_TRUE(glob_match("model-[!0-9].bin", "model-x.bin"));
  EXPECT_FALSE(glob_match("model-[!0-9].bin", "model-3.bin"));
  EXPECT_TRUE(glob_match("[abc]", "b"));
  EXPECT_TRUE(glob_match("[]]", "]"));  // ']' first is a member
  EXPECT_TRUE(glob_match("[!]]", "a"));
  EXPECT_TRUE(glob_match("a[", "a["));  // unclosed '[' is literal
  EXPECT_FALSE(glob_match("a[", "ab"));
}

TEST(GlobMatch, CaseSensitiveAndBacktracking) {
  EXPECT_FALSE(glob_match("*.JSON", "a.json"));
  EXPECT_TRUE(glob_match("*a*b*c", "xxaxxbxxbxc"));
  EXPECT_FALSE(glob_match("*a*b*c", "xxaxxbxxbx"));
  EXPECT_TRUE(glob_match("**/.git/**", "sub/.git/config"));
}

struct GlobCase {
  const char* pattern;
  const char* name;
  bool matches;
};

// Python's fnmatchcase on str: '?' and [...] take a whole character, whatever its UTF-8 length.
constexpr GlobCase kNonAsciiCases[] = {
    {"?.txt", "\u00e9.txt", true},  // é: two bytes, one character
    {"??.txt", "\u00e9.txt", false},
    {"?.txt", "\u732b.txt", true},      // 猫: three bytes
    {"?.txt", "\U0001F600.txt", true},  // 😀: four bytes
    {"[\u00e9]x", "\u00e9x", true},
    {"[\u00e9]x", "ex", false},
    {"[!\u00e9]x", "ex", true},
    {"[!\u00e9]x", "\u00e9x", false},
    {"[!a]x", "\u00e9x", true},
    {"[\u00e0-\u00ff].bin", "\u00e9.bin", true},  // a range of code points
    {"[a-z].bin", "\u00e9.bin", false},
    {"caf?/*", "caf\u00e9/d\u00e9j\u00e0/\u732b.bin", true},
    // '*' spans multi-byte names.
    {"*.txt", "\u65e5\u672c\u8a9e.txt", true},
    {"\u65e5*\u8a9e", "\u65e5\u672c\u8a9e", true},
    {"*\u00e9*", "r\u00e9sum\u00e9.pdf", true},
    {"*\u00e9", "r\u00e9sum\u00e9.pdf", false},
    {"*?", "\u00e9", true},
    // A byte that starts no valid UTF-8 sequence stands for itself.
    {"?.bin", "\xff.bin", true},
    {"??.bin", "\xc3\x28.bin", true},  // a broken two-byte sequence: two characters
    {"\xff*", "\xff\xfe", true},
    {"\xfe*", "\xff\xfe", false},
};

TEST(GlobMatch, QuestionMarkAndBracketsTakeAWholeCharacterOfANonAsciiName) {
  for (const GlobCase& c : kNonAsciiCases)
    EXPECT_EQ(glob_match(c.pattern, c.name), c.matches) << c.pattern << " ~ " << c.name;
}

TEST(GlobMatch, TrailingSlashPatternMeansEverythingUnderIt) {
  EXPECT_TRUE(matches_any("logs/a.txt", {"logs/"}));
  EXPECT_TRUE(matches_any("logs/deep/a.txt", {"logs/"}));
  EXPECT_FALSE(matches_any("logs", {"logs/"}));
  EXPECT_FALSE(matches_any("other/logs.txt", {"logs/"}));
}

TEST(GlobMatch, FilterRepoPathsAllowThenIgnoreKeepsOrder) {
  std::vector<std::string> paths = {"README.md", "a.bin", "sub/b.bin", "sub/c.txt", "logs/x.bin"};
  EXPECT_EQ(filter_repo_paths(paths, {}, {}), paths);
  EXPECT_EQ(filter_repo_paths(paths, {"*.bin"}, {}), (std::vector<std::string>{"a.bin", "sub/b.bin", "logs/x.bin"}));
  EXPECT_EQ(filter_repo_paths(paths, {"*.bin"}, {"logs/"}), (std::vector<std::string>{"a.bin", "sub/b.bin"}));
  EXPECT_EQ(filter_repo_paths(paths, {}, {"*.bin", "*.md"}), (std::vector<std::string>{"sub/c.txt"}));
  EXPECT_EQ(filter_repo_paths(paths, {"sub/*", "README.md"}, {"*.txt"}),
            (std::vector<std::string>{"README.md", "sub/b.bin"}));
}

}  // namespace
}  // namespace hfhub
