#include "server/write/path_patterns.h"

#include <gtest/gtest.h>

#include <string>

// Expected answers follow gitignore(5), gitattributes(5) and git's own wildmatch tests
// (t/t3070-wildmatch.sh); the gitignore and gitattributes cases were checked against
// `git check-ignore` and `git check-attr` (git 2.39).

namespace hfhub::server {

TEST(Wildmatch, LiteralsAndQuestionMark) {
  EXPECT_TRUE(wildmatch("foo", "foo"));
  EXPECT_FALSE(wildmatch("foo", "bar"));
  EXPECT_FALSE(wildmatch("foo", "foobar"));
  EXPECT_FALSE(wildmatch("foobar", "foo"));
  EXPECT_TRUE(wildmatch("", ""));
  EXPECT_TRUE(wildmatch("???", "abc"));
  EXPECT_FALSE(wildmatch("???", "ab"));
  EXPECT_FALSE(wildmatch("a?c", "a/c"));  // '?' never matches '/'
  EXPECT_FALSE(wildmatch("Foo", "foo"));  // case-sensitive
}

TEST(Wildmatch, SingleStarStaysInsideASegment) {
  EXPECT_TRUE(wildmatch("*", "foo"));
  EXPECT_TRUE(wildmatch("*", ""));
  EXPECT_FALSE(wildmatch("*", "foo/bar"));
  EXPECT_TRUE(wildmatch("*.bin", "model.bin"));
  EXPECT_TRUE(wildmatch("*.bin", ".bin"));
  EXPECT_FALSE(wildmatch("*.bin", "dir/model.bin"));
  EXPECT_TRUE(wildmatch("foo/*", "foo/bar"));
  EXPECT_FALSE(wildmatch("foo/*", "foo/bar/baz"));
  EXPECT_TRUE(wildmatch("*/bar", "foo/bar"));
  EXPECT_FALSE(wildmatch("*/bar", "a/foo/bar"));
  EXPECT_TRUE(wildmatch("*.tar.*", "data.tar.gz"));
  EXPECT_TRUE(wildmatch("*tfevents*", "events.out.tfevents.1700000000.host"));
  EXPECT_TRUE(wildmatch("a*b*c", "axxbyyc"));
  EXPECT_FALSE(wildmatch("a*b*c", "axxbyy/c"));
  EXPECT_TRUE(wildmatch("foo**bar", "fooXbar"));  // "**" inside a segment is a plain '*'
  EXPECT_FALSE(wildmatch("foo**bar", "foo/x/bar"));
  EXPECT_FALSE(wildmatch("foo/**bar", "foo/x/bar"));
}

TEST(Wildmatch, DoubleStarSegments) {
  EXPECT_TRUE(wildmatch("**", "a/b/c"));
  EXPECT_TRUE(wildmatch("**/foo", "foo"));
  EXPECT_TRUE(wildmatch("**/foo", "a/b/foo"));
  EXPECT_FALSE(wildmatch("**/foo", "a/foox"));
  EXPECT_TRUE(wildmatch("**/foo/bar", "x/foo/bar"));
  EXPECT_TRUE(wildmatch("abc/**", "abc/x"));
  EXPECT_TRUE(wildmatch("abc/**", "abc/x/y/z"));
  EXPECT_FALSE(wildmatch("abc/**", "abc"));
  EXPECT_FALSE(wildmatch("abc/**", "xabc/y"));
  EXPECT_TRUE(wildmatch("a/**/b", "a/b"));
  EXPECT_TRUE(wildmatch("a/**/b", "a/x/b"));
  EXPECT_TRUE(wildmatch("a/**/b", "a/x/y/b"));
  EXPECT_FALSE(wildmatch("a/**/b", "a/x/y/c"));
  EXPECT_FALSE(wildmatch("a/**/b", "ab"));
  EXPECT_TRUE(wildmatch("saved_model/**/*", "saved_model/variables/variables.data-00000-of-00001"));
  EXPECT_TRUE(wildmatch("saved_model/**/*", "saved_model/saved_model.pb"));
  EXPECT_FALSE(wildmatch("saved_model/**/*", "saved_model"));
  EXPECT_FALSE(wildmatch("saved_model/**/*", "other/saved_model/x"));
  // From t3070: "**/*a*b*g*n*t" style backtracking stays correct.
  EXPECT_TRUE(wildmatch("**/*a*b*g*n*t", "abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txt"));
  EXPECT_FALSE(wildmatch("**/*a*b*g*n*t", "abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txtz"));
  EXPECT_TRUE(wildmatch("-*-*-*-*-*-*-12-*-*-*-m-*-*-*", "-adobe-courier-bold-o-normal--12-120-75-75-m-70-iso8859-1"));
  EXPECT_FALSE(wildmatch("-*-*-*-*-*-*-12-*-*-*-m-*-*-*", "-adobe-courier-bold-o-normal--12-120-75-75-X-70-iso8859-1"));
}

TEST(Wildmatch, BracketExpressions) {
  EXPECT_TRUE(wildmatch("[a-c]", "b"));
  EXPECT_FALSE(wildmatch("[a-c]", "d"));
  EXPECT_TRUE(wildmatch("[!a-c]", "d"));
  EXPECT_FALSE(wildmatch("[!a-c]", "a"));
  EXPECT_TRUE(wildmatch("[^a-c]", "d"));
  EXPECT_TRUE(wildmatch("file[0-9].txt", "file7.txt"));
  EXPECT_FALSE(wildmatch("file[0-9].txt", "fileA.txt"));
  EXPECT_TRUE(wildmatch("[]]", "]"));  // ']' first is a member
  EXPECT_TRUE(wildmatch("[!]]", "a"));
  EXPECT_FALSE(wildmatch("[!]]", "]"));
  EXPECT_TRUE(wildmatch("[a-]", "-"));  // '-' last is a member
  EXPECT_TRUE(wildmatch("[\\]]", "]"));
  EXPECT_TRUE(wildmatch("[\\-]", "-"));
  EXPECT_FALSE(wildmatch("a[/]b", "a/b"));  // never matches '/'
  EXPECT_FALSE(wildmatch("a[!x]b", "a/b"));
  EXPECT_FALSE(wildmatch("[abc", "a"));  // unterminated: nothing matches
  EXPECT_TRUE(wildmatch("[[:digit:]]", "5"));
  EXPECT_FALSE(wildmatch("[[:digit:]]", "x"));
  EXPECT_TRUE(wildmatch("[[:alpha:][:digit:]]", "x"));
  EXPECT_TRUE(wildmatch("[![:space:]]", "x"));
  EXPECT_FALSE(wildmatch("[[:nope:]]", "x"));  // unknown class: nothing matches
  // `git lfs track "my file.bin"` writes this.
  EXPECT_TRUE(wildmatch("my[[:space:]]file.bin", "my file.bin"));
}

TEST(Wildmatch, BackslashEscapes) {
  EXPECT_TRUE(wildmatch("\\*", "*"));
  EXPECT_FALSE(wildmatch("\\*", "x"));
  EXPECT_TRUE(wildmatch("\\?", "?"));
  EXPECT_TRUE(wildmatch("\\[ab]", "[ab]"));
  EXPECT_TRUE(wildmatch("\\#file", "#file"));
  EXPECT_FALSE(wildmatch("foo\\", "foo"));  // a trailing backslash matches nothing
}

TEST(PathPattern, AnchoringAndDirectories) {
  EXPECT_TRUE(PathPattern("foo").matches("a/b/foo", false));  // no slash: any depth
  EXPECT_TRUE(PathPattern("/foo").matches("foo", false));
  EXPECT_FALSE(PathPattern("/foo").matches("a/foo", false));
  EXPECT_TRUE(PathPattern("doc/frotz").matches("doc/frotz", false));
  EXPECT_FALSE(PathPattern("doc/frotz").matches("a/doc/frotz", false));  // middle slash anchors
  EXPECT_FALSE(PathPattern("frotz/").matches("frotz", false));           // directories only
  EXPECT_TRUE(PathPattern("frotz/").matches("a/frotz", true));
  EXPECT_TRUE(PathPattern("doc/frotz/").matches("doc/frotz", true));
  EXPECT_FALSE(PathPattern("doc/frotz/").matches("a/doc/frotz", true));
  EXPECT_TRUE(PathPattern("/").empty());
}

TEST(GitIgnore, DirectoryPatternsFromTheManual) {
  // gitignore(5): "doc/frotz/" matches doc/frotz but not a/doc/frotz; "frotz/" matches both.
  auto anchored = GitIgnore::parse("doc/frotz/\n");
  EXPECT_TRUE(anchored.ignored("doc/frotz/file.txt"));
  EXPECT_FALSE(anchored.ignored("a/doc/frotz/file.txt"));
  EXPECT_FALSE(anchored.ignored("doc/frotz"));  // a file of that name is not a directory
  EXPECT_TRUE(anchored.ignored("doc/frotz", true));

  auto anywhere = GitIgnore::parse("frotz/\n");
  EXPECT_TRUE(anywhere.ignored("frotz/file.txt"));
  EXPECT_TRUE(anywhere.ignored("a/frotz/file.txt"));
  EXPECT_TRUE(anywhere.ignored("a/doc/frotz/deep/file.txt"));
  EXPECT_FALSE(anywhere.ignored("a/frotz"));
  EXPECT_FALSE(anywhere.ignored("frotzy/file.txt"));
}

TEST(GitIgnore, NameWithoutSlashMatchesAtAnyDepthAsFileOrDirectory) {
  auto ignore = GitIgnore::parse("__pycache__\n*.log\n");
  EXPECT_TRUE(ignore.ignored("__pycache__/x.pyc"));
  EXPECT_TRUE(ignore.ignored("src/pkg/__pycache__/x.pyc"));
  EXPECT_TRUE(ignore.ignored("debug.log"));
  EXPECT_TRUE(ignore.ignored("logs/deep/debug.log"));
  EXPECT_FALSE(ignore.ignored("debug.log.txt"));
  EXPECT_FALSE(ignore.ignored("README.md"));
}

TEST(GitIgnore, LeadingSlashAnchorsToTheRoot) {
  auto ignore = GitIgnore::parse("/build\n");
  EXPECT_TRUE(ignore.ignored("build"));
  EXPECT_TRUE(ignore.ignored("build/out.o"));
  EXPECT_FALSE(ignore.ignored("src/build"));
  EXPECT_FALSE(ignore.ignored("src/build/out.o"));
}

TEST(GitIgnore, NegationAndLastMatchWins) {
  auto ignore = GitIgnore::parse("*.log\n!important.log\n");
  EXPECT_TRUE(ignore.ignored("debug.log"));
  EXPECT_FALSE(ignore.ignored("important.log"));
  EXPECT_FALSE(ignore.ignored("logs/important.log"));

  auto reversed = GitIgnore::parse("!important.log\n*.log\n");
  EXPECT_TRUE(reversed.ignored("important.log"));
}

TEST(GitIgnore, NegationCannotReincludeInsideAnIgnoredDirectory) {
  auto ignore = GitIgnore::parse("build/\n!build/keep.txt\n");
  EXPECT_TRUE(ignore.ignored("build/keep.txt"));
  EXPECT_TRUE(ignore.ignored("build/other.txt"));

  // The manual's way: ignore the contents, not the directory, then re-include.
  auto contents = GitIgnore::parse("/build/*\n!/build/keep.txt\n");
  EXPECT_FALSE(contents.ignored("build/keep.txt"));
  EXPECT_TRUE(contents.ignored("build/other.txt"));
  EXPECT_TRUE(contents.ignored("build/sub/keep.txt"));  // build/sub itself is ignored

  // gitignore(5): exclude everything except directory foo/bar.
  auto only = GitIgnore::parse("/*\n!/foo\n/foo/*\n!/foo/bar\n");
  EXPECT_TRUE(only.ignored("top.txt"));
  EXPECT_TRUE(only.ignored("foo/baz/x"));
  EXPECT_FALSE(only.ignored("foo/bar/x"));
}

TEST(GitIgnore, DoubleStarForms) {
  auto leading = GitIgnore::parse("**/foo\n");
  EXPECT_TRUE(leading.ignored("foo"));
  EXPECT_TRUE(leading.ignored("a/b/foo"));
  EXPECT_TRUE(leading.ignored("a/foo/inside.txt"));  // the directory foo is ignored

  auto leading_two = GitIgnore::parse("**/foo/bar\n");
  EXPECT_TRUE(leading_two.ignored("foo/bar"));
  EXPECT_TRUE(leading_two.ignored("x/y/foo/bar"));
  EXPECT_FALSE(leading_two.ignored("foo/x/bar"));

  auto trailing = GitIgnore::parse("abc/**\n");
  EXPECT_TRUE(trailing.ignored("abc/x"));
  EXPECT_TRUE(trailing.ignored("abc/x/y"));
  EXPECT_FALSE(trailing.ignored("abc"));
  EXPECT_FALSE(trailing.ignored("x/abc/y"));  // anchored to the root

  auto middle = GitIgnore::parse("a/**/b\n");
  EXPECT_TRUE(middle.ignored("a/b"));
  EXPECT_TRUE(middle.ignored("a/x/b"));
  EXPECT_TRUE(middle.ignored("a/x/y/b"));
  EXPECT_TRUE(middle.ignored("a/x/b/inside"));
  EXPECT_FALSE(middle.ignored("z/a/b"));
}

TEST(GitIgnore, BracketsAndQuestionMark) {
  auto ignore = GitIgnore::parse("[a-c].txt\nfile?.bin\n");
  EXPECT_TRUE(ignore.ignored("a.txt"));
  EXPECT_TRUE(ignore.ignored("sub/c.txt"));
  EXPECT_FALSE(ignore.ignored("d.txt"));
  EXPECT_TRUE(ignore.ignored("file1.bin"));
  EXPECT_FALSE(ignore.ignored("file10.bin"));
}

TEST(GitIgnore, CommentsBlankLinesEscapesAndSpaces) {
  auto ignore = GitIgnore::parse(
      "# a comment\n"
      "\n"
      "   \n"
      "\\#file\n"
      "\\!bang\n"
      "trailing   \n"
      "kept\\ \n");
  EXPECT_FALSE(ignore.ignored("# a comment"));
  EXPECT_FALSE(ignore.ignored("a comment"));
  EXPECT_TRUE(ignore.ignored("#file"));
  EXPECT_TRUE(ignore.ignored("!bang"));
  EXPECT_FALSE(ignore.ignored("bang"));
  EXPECT_TRUE(ignore.ignored("trailing"));  // unescaped trailing spaces are dropped
  EXPECT_FALSE(ignore.ignored("trailing   "));
  EXPECT_TRUE(ignore.ignored("kept "));  // "\ " keeps one
  EXPECT_FALSE(ignore.ignored("kept"));
}

TEST(GitIgnore, CrlfLinesByteOrderMarkAndNoFinalNewline) {
  auto ignore = GitIgnore::parse("\xEF\xBB\xBF*.tmp\r\n/cache\r\nlast");
  EXPECT_TRUE(ignore.ignored("x.tmp"));
  EXPECT_TRUE(ignore.ignored("cache/blob"));
  EXPECT_TRUE(ignore.ignored("last"));
  EXPECT_FALSE(GitIgnore::parse("").ignored("anything"));
}

TEST(GitAttributes, FilterLfsAndLastMentionWins) {
  auto attributes = GitAttributes::parse(
      "*.bin filter=lfs diff=lfs merge=lfs -text\n"
      "small.bin -filter\n"
      "*.txt text\n"  // does not mention filter: no effect on *.bin
      "docs/*.bin !filter\n"
      "weird.bin filter=other\n"
      "readme.bin filter\n");
  EXPECT_TRUE(attributes.is_lfs("model.bin"));
  EXPECT_TRUE(attributes.is_lfs("deep/dir/model.bin"));
  EXPECT_FALSE(attributes.is_lfs("small.bin"));
  EXPECT_FALSE(attributes.is_lfs("a/small.bin"));
  EXPECT_FALSE(attributes.is_lfs("docs/manual.bin"));
  EXPECT_TRUE(attributes.is_lfs("other/docs/manual.bin"));  // docs/*.bin is anchored
  EXPECT_FALSE(attributes.is_lfs("weird.bin"));
  EXPECT_FALSE(attributes.is_lfs("readme.bin"));
  EXPECT_FALSE(attributes.is_lfs("notes.txt"));

  auto relisted = GitAttributes::parse("*.bin -filter\n*.bin filter=lfs\n");
  EXPECT_TRUE(relisted.is_lfs("x.bin"));
  auto last_in_line = GitAttributes::parse("*.bin filter=lfs -filter\n");
  EXPECT_FALSE(last_in_line.is_lfs("x.bin"));
  auto unset_with_value = GitAttributes::parse("*.bin -filter=lfs\n");
  EXPECT_FALSE(unset_with_value.is_lfs("x.bin"));
}

TEST(GitAttributes, IgnoresWhatGitIgnores) {
  auto attributes = GitAttributes::parse(
      "# *.bin filter=lfs\n"
      "!*.keep filter=lfs\n"           // negative patterns are refused by git
      "[attr]big filter=lfs\n"         // a macro definition, not a pattern
      "*.pt filter=lfs bad@name\n"     // an invalid attribute name drops the line
      "data/ filter=lfs\n"             // a directory pattern never matches a file
      "   *.onnx\tfilter=lfs  \r\n");  // leading blanks, tabs and CRLF are fine
  EXPECT_FALSE(attributes.is_lfs("# *.bin"));
  EXPECT_FALSE(attributes.is_lfs("x.bin"));
  EXPECT_FALSE(attributes.is_lfs("!x.keep"));
  EXPECT_FALSE(attributes.is_lfs("x.keep"));
  EXPECT_FALSE(attributes.is_lfs("[attr]big"));
  EXPECT_FALSE(attributes.is_lfs("x.pt"));
  EXPECT_FALSE(attributes.is_lfs("data/file"));
  EXPECT_FALSE(attributes.is_lfs("data"));
  EXPECT_TRUE(attributes.is_lfs("model.onnx"));

  auto folder = GitAttributes::parse("data/** filter=lfs\n");
  EXPECT_TRUE(folder.is_lfs("data/file"));
  EXPECT_TRUE(folder.is_lfs("data/a/b/file"));
}

TEST(GitAttributes, QuotedPatterns) {
  auto attributes = GitAttributes::parse(
      "\"my file.bin\" filter=lfs\n"
      "\"tab\\there.bin\" filter=lfs\n"
      "\"caf\\303\\251.bin\" filter=lfs\n"
      "my[[:space:]]other.bin filter=lfs\n");
  EXPECT_TRUE(attributes.is_lfs("my file.bin"));
  EXPECT_TRUE(attributes.is_lfs("dir/my file.bin"));
  EXPECT_TRUE(attributes.is_lfs("tab\there.bin"));
  EXPECT_TRUE(attributes.is_lfs("caf\xC3\xA9.bin"));
  EXPECT_TRUE(attributes.is_lfs("my other.bin"));
  EXPECT_FALSE(attributes.is_lfs("\"my file.bin\""));
}

TEST(DefaultGitattributes, ModelTemplateRoutesWeightsToLfs) {
  auto attributes = GitAttributes::parse(default_gitattributes(RepoType::Model));
  for (std::string_view path : {"model.safetensors",
                                "pytorch_model.bin",
                                "tf_model.h5",
                                "model.onnx",
                                "weights.ckpt",
                                "model.gguf",
                                "archive.tar.gz",
                                "archive.tar",
                                "data.zip",
                                "x.7z",
                                "x.zst",
                                "x.npy",
                                "x.pkl",
                                "x.pickle",
                                "x.pt",
                                "x.pth",
                                "x.msgpack",
                                "spiece.model",
                                "x.tflite",
                                "runs/events.out.tfevents.1.host",
                                "saved_model/variables/variables.index",
                                "saved_model/saved_model.pb",
                                "onnx/sub/model.onnx",
                                "x.lfs.json",
                                "x.arrow",
                                "x.parquet"})
    EXPECT_TRUE(attributes.is_lfs(path)) << path;
  for (std::string_view path : {"config.json", "README.md", "tokenizer.json", "vocab.txt", "merges.txt",
                                ".gitattributes", "image.png", "clip.mp4", "x.lz4"})
    EXPECT_FALSE(attributes.is_lfs(path)) << path;
}

TEST(DefaultGitattributes, SpaceTemplateIsTheModelTemplate) {
  EXPECT_EQ(default_gitattributes(RepoType::Space), default_gitattributes(RepoType::Model));
  EXPECT_EQ(default_gitattributes(), default_gitattributes(RepoType::Model));
}

TEST(DefaultGitattributes, DatasetTemplateAddsMedia) {
  auto text = default_gitattributes(RepoType::Dataset);
  EXPECT_TRUE(text.starts_with("*.7z filter=lfs diff=lfs merge=lfs -text\n"));
  EXPECT_NE(text.find("\n# Audio files - uncompressed\n*.pcm filter=lfs diff=lfs merge=lfs -text\n"),
            std::string_view::npos);
  EXPECT_TRUE(text.ends_with("*.webm filter=lfs diff=lfs merge=lfs -text\n"));
  auto attributes = GitAttributes::parse(text);
  for (std::string_view path :
       {"train.parquet", "audio/a.mp3", "a.wav", "a.ogg", "a.flac", "img/a.jpg", "a.jpeg", "a.png", "a.webp", "a.gif",
        "a.tiff", "a.bmp", "a.mp4", "a.webm", "a.lz4", "shard.00000.mds", "model.gguf"})
    EXPECT_TRUE(attributes.is_lfs(path)) << path;
  for (std::string_view path : {"train.jsonl", "data.csv", "README.md", "a.txt"})
    EXPECT_FALSE(attributes.is_lfs(path)) << path;
}

TEST(ShouldUploadAsLfs, AttributesOrTheTenMegabyteRule) {
  auto attributes = GitAttributes::parse(default_gitattributes(RepoType::Model));
  EXPECT_TRUE(should_upload_as_lfs(attributes, "model.safetensors", 10));
  EXPECT_FALSE(should_upload_as_lfs(attributes, "config.json", 1000));
  EXPECT_FALSE(should_upload_as_lfs(attributes, "big.json", kLfsSizeThreshold - 1));
  EXPECT_TRUE(should_upload_as_lfs(attributes, "big.json", kLfsSizeThreshold));
  EXPECT_TRUE(should_upload_as_lfs(GitAttributes::parse(""), "big.json", 50'000'000));
  EXPECT_EQ(kLfsSizeThreshold, 10'000'000);
}

}  // namespace hfhub::server
