#include "common/repo_path.h"

#include <gtest/gtest.h>

#include <string>

namespace hfhub {

// The reason for a refusal, or "" when the path is valid, so failures print the message.
static std::string error_of(std::string_view path) { return repo_path_error(path).value_or(""); }

TEST(RepoPath, AcceptsOrdinaryPaths) {
  for (std::string_view path :
       {"README.md", ".gitattributes", "config.json", "a/b/c.bin", "unet/diffusion_pytorch_model.safetensors",
        "data/train-00000-of-00001.parquet", "name with spaces.txt", "..hidden", "...", ".gitignore", "a.git",
        ".git-keep", "git/.gitkeep", "a/.b/c", "-dash", "#hash", "%20", "x:y", "~tilde"})
    EXPECT_EQ(error_of(path), "") << path;
}

TEST(RepoPath, AcceptsUnicode) {
  EXPECT_EQ(error_of("données/été.csv"), "");
  EXPECT_EQ(error_of("日本語/ファイル.txt"), "");
  EXPECT_EQ(error_of("emoji/\xF0\x9F\xA4\x97.png"), "");  // U+1F917
  EXPECT_EQ(error_of("max/\xF4\x8F\xBF\xBF"), "");        // U+10FFFF, the last code point
  EXPECT_EQ(error_of("bmp/\xEF\xBF\xBD"), "");            // U+FFFD
  EXPECT_EQ(error_of("pre-surrogate/\xED\x9F\xBF"), "");  // U+D7FF
}

TEST(RepoPath, RefusesEmptyAbsoluteAndTrailingSlash) {
  EXPECT_EQ(error_of(""), "path is empty");
  EXPECT_EQ(error_of("/etc/passwd"), "path must be relative (it starts with '/')");
  EXPECT_EQ(error_of("/"), "path must be relative (it starts with '/')");
  EXPECT_EQ(error_of("folder/"), "a file path must not end with '/'");
}

TEST(RepoPath, RefusesEmptyDotAndDotDotSegments) {
  EXPECT_EQ(error_of("a//b"), "path contains an empty segment ('//')");
  for (std::string_view path : {".", "..", "./a", "a/./b", "a/..", "../a", "a/../../etc/passwd"})
    EXPECT_EQ(error_of(path), "path segments '.' and '..' are not allowed") << path;
}

TEST(RepoPath, RefusesGitDirectoryInAnyCase) {
  EXPECT_EQ(error_of(".git"), "a '.git' segment (in any case) is reserved by git and cannot be part of a path");
  EXPECT_EQ(error_of(".git/config"), "a '.git' segment (in any case) is reserved by git and cannot be part of a path");
  EXPECT_EQ(error_of("sub/.GIT/hooks/pre-commit"),
            "a '.git' segment (in any case) is reserved by git and cannot be part of a path");
  EXPECT_EQ(error_of("a/.Git"), "a '.git' segment (in any case) is reserved by git and cannot be part of a path");
}

TEST(RepoPath, RefusesControlCharactersAndALeadingDotDotBackslash) {
  EXPECT_EQ(error_of(std::string("a\0b", 3)), "path contains a control character");
  for (std::string path : {"a\nb", "a\rb", "tab\there", "bell\x07", "esc\x1b[0m", "del\x7f", "\x1f"})
    EXPECT_EQ(error_of(path), "path contains a control character") << path;
  // The Hub stores what git allows: a backslash is an ordinary character inside a name...
  for (std::string path : {"a\\b", "folder/..\\x", "folder/..\\..\\x", "a\\..", "\\x", "C:\\x", "x/.\\y"})
    EXPECT_EQ(repo_path_error(path), std::nullopt) << path;
  // ...except at the start of a path after "..".
  EXPECT_EQ(error_of("..\\x"), "path must not start with '..\\'");
  EXPECT_EQ(error_of("..\\..\\windows"), "path must not start with '..\\'");
}

TEST(LocalPath, RefusesWhatWouldLeaveTheFolderOnAnySystem) {
  for (std::string path : {"a\\b", "folder/x\\y.bin", "a..\\b", "x/...\\y", "c/de:f"})
    EXPECT_EQ(local_path_error(path), std::nullopt) << path;
  for (std::string path : {"folder/..\\x", "a\\..", "a\\..\\..\\x", "x/y\\..\\..\\..\\z"})
    EXPECT_EQ(local_path_error(path).value_or(""), "a '..' between backslashes would leave the folder on disk") << path;
  for (std::string path : {"\\x", "a/\\\\host\\share\\x"})
    EXPECT_EQ(local_path_error(path).value_or(""), "a path segment must not start with '\\' on disk") << path;
  for (std::string path : {"C:\\Windows\\x", "a/d:x"})
    EXPECT_EQ(local_path_error(path).value_or(""), "a path segment must not start with a drive letter on disk") << path;
  // Everything a repo path refuses, too.
  EXPECT_EQ(local_path_error("../x").value_or(""), "path segments '.' and '..' are not allowed");
  EXPECT_EQ(local_path_error("..\\x").value_or(""), "path must not start with '..\\'");
}

TEST(RepoPath, RefusesInvalidUtf8) {
  for (std::string path : {
           "\xC0\xAF",          // overlong '/'
           "\xC1\xBF",          // overlong
           "\xE0\x80\xAF",      // overlong 3-byte '/'
           "\xE0\x9F\xBF",      // overlong 3-byte
           "\xF0\x80\x80\xAF",  // overlong 4-byte
           "\xF0\x8F\xBF\xBF",  // overlong 4-byte
           "\xED\xA0\x80",      // U+D800, a high surrogate
           "\xED\xBF\xBF",      // U+DFFF, a low surrogate
           "\xF4\x90\x80\x80",  // U+110000
           "\xF5\x80\x80\x80",  // no such lead byte
           "\xFF",              //
           "\x80",              // a lone continuation byte
           "abc\xC3",           // truncated 2-byte
           "abc\xE2\x82",       // truncated 3-byte
           "abc\xF0\x9F\xA4",   // truncated 4-byte
           "\xE2\x28\xA1",      // bad continuation
       })
    EXPECT_EQ(error_of(path), "path is not valid UTF-8") << testing::PrintToString(path);
}

TEST(RepoPath, EnforcesLengthLimitsInBytes) {
  std::string segment(kMaxRepoPathSegmentBytes, 'x');
  EXPECT_EQ(error_of(segment), "");
  EXPECT_EQ(error_of(segment + "x"), "a path segment is longer than 255 bytes");
  EXPECT_EQ(error_of("dir/" + segment + "x/file"), "a path segment is longer than 255 bytes");
  // 85 three-byte characters are 255 bytes; one more makes 258 although it is 86 characters.
  std::string euros;
  for (int i = 0; i < 85; ++i) euros += "\xE2\x82\xAC";
  EXPECT_EQ(error_of(euros), "");
  EXPECT_EQ(error_of(euros + "\xE2\x82\xAC"), "a path segment is longer than 255 bytes");

  std::string path;
  while (path.size() + 100 <= kMaxRepoPathBytes) path += std::string(99, 'd') + "/";
  path += std::string(kMaxRepoPathBytes - path.size(), 'f');
  ASSERT_EQ(path.size(), kMaxRepoPathBytes);
  EXPECT_EQ(error_of(path), "");
  EXPECT_EQ(error_of(path + "f"), "path is longer than 4096 bytes");
}

TEST(RepoPath, IsValidMatchesError) {
  EXPECT_TRUE(is_valid_repo_path("a/b.txt"));
  EXPECT_FALSE(is_valid_repo_path("a/../b.txt"));
}

TEST(RepoFolder, NormalizeDropsOneTrailingSlash) {
  EXPECT_EQ(normalize_folder("data/"), "data");
  EXPECT_EQ(normalize_folder("data"), "data");
  EXPECT_EQ(normalize_folder("a/b/"), "a/b");
  EXPECT_EQ(normalize_folder("a//"), "a/");
  EXPECT_EQ(normalize_folder("/"), "");
  EXPECT_EQ(normalize_folder(""), "");
}

TEST(RepoFolder, AcceptsFoldersWithOrWithoutTrailingSlash) {
  for (std::string_view folder : {"data", "data/", "a/b", "a/b/", ".github/workflows/"})
    EXPECT_TRUE(is_valid_repo_folder(folder)) << folder;
}

TEST(RepoFolder, RefusesTheRootAndBadPaths) {
  EXPECT_EQ(repo_folder_error("").value_or(""), "the repository root is not a valid folder here");
  EXPECT_EQ(repo_folder_error("/").value_or(""), "the repository root is not a valid folder here");
  EXPECT_EQ(repo_folder_error("a//").value_or(""), "path contains an empty segment ('//')");
  EXPECT_EQ(repo_folder_error("//").value_or(""), "path contains an empty segment ('//')");
  EXPECT_EQ(repo_folder_error("/data/").value_or(""), "path must be relative (it starts with '/')");
  EXPECT_EQ(repo_folder_error("../").value_or(""), "path segments '.' and '..' are not allowed");
  EXPECT_EQ(repo_folder_error("./").value_or(""), "path segments '.' and '..' are not allowed");
  EXPECT_EQ(repo_folder_error(".git/").value_or(""),
            "a '.git' segment (in any case) is reserved by git and cannot be part of a path");
  EXPECT_EQ(repo_folder_error("..\\b/").value_or(""), "path must not start with '..\\'");
  EXPECT_EQ(repo_folder_error("a\\b/"), std::nullopt);
}

}  // namespace hfhub
