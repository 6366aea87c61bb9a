// Repository-content parsers: tree/paths-info entries (with server path validation), refs,
// commits, LFS objects, and safetensors headers.
#include "client/json/content_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "client/content/safetensors.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

RepoEntry entry(std::string_view text) { return parse_repo_entry(json::parse(text).as_object()); }

// A tree entry for `path`, as JSON text.
std::string file_with_path(std::string_view path) {
  json::object o{{"type", "file"}, {"oid", "aa"}, {"size", 1}, {"path", path}};
  return json::serialize(o);
}

// 8-byte little-endian length prefix.
std::string le64(uint64_t n) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[size_t(i)] = char((n >> (8 * i)) & 0xff);
  return out;
}

}  // namespace

TEST(RepoEntryJson, RegularFile) {
  auto e = entry(R"({"type":"file","oid":"0123abcd","size":5,"path":"a/b.txt"})");
  const auto& f = std::get<RepoFile>(e);
  EXPECT_EQ(f.path, "a/b.txt");
  EXPECT_EQ(f.size, 5);
  EXPECT_EQ(f.blob_id, "0123abcd");
  EXPECT_FALSE(f.lfs);
  EXPECT_FALSE(f.last_commit);
  EXPECT_FALSE(f.security);
}

TEST(RepoEntryJson, LfsFileWithExpand) {
  auto e = entry(R"({"type":"file","oid":"p1","size":5000,"path":"model.bin",
    "lfs":{"oid":"e3b0c442","size":5000,"pointerSize":132},
    "lastCommit":{"id":"c0ffee","title":"add model","date":"2026-01-02T03:04:05.000Z"},
    "securityFileStatus":{"status":"safe","avScan":{"virusFound":false},"pickleImportScan":null}})");
  const auto& f = std::get<RepoFile>(e);
  ASSERT_TRUE(f.lfs);
  EXPECT_EQ(f.lfs->sha256, "e3b0c442");
  EXPECT_EQ(f.lfs->size, 5000);
  EXPECT_EQ(f.lfs->pointer_size, 132);
  ASSERT_TRUE(f.last_commit);
  EXPECT_EQ(f.last_commit->oid, "c0ffee");
  EXPECT_EQ(f.last_commit->title, "add model");
  EXPECT_EQ(f.last_commit->date, "2026-01-02T03:04:05.000Z");
  ASSERT_TRUE(f.security);
  EXPECT_EQ(f.security->status, "safe");
  EXPECT_EQ(f.security->av_scan, R"({"virusFound":false})");
  EXPECT_EQ(f.security->pickle_import_scan, "");
}

TEST(RepoEntryJson, AnythingButFileIsAFolder) {
  auto e = entry(R"({"type":"directory","oid":"tree1","size":0,"path":"a/b"})");
  const auto& d = std::get<RepoFolder>(e);
  EXPECT_EQ(d.path, "a/b");
  EXPECT_EQ(d.tree_id, "tree1");
}

TEST(RepoEntryJson, MissingRequiredFieldsAreInvalidResponses) {
  EXPECT_THROW(entry(R"({"type":"file","size":1,"path":"x"})"), InvalidResponseError);   // oid
  EXPECT_THROW(entry(R"({"type":"file","oid":"a","path":"x"})"), InvalidResponseError);  // size
  EXPECT_THROW(entry(R"({"type":"file","oid":"a","size":1})"), InvalidResponseError);    // path
  EXPECT_THROW(entry(R"({"type":"directory","path":"x"})"), InvalidResponseError);       // oid
}

TEST(RepoEntryJson, ServerPathsBreakingThePathRulesAreRefused) {
  for (std::string_view bad :
       {"../etc/passwd", "/abs", "a/../../b", ".git/config", "a//b", "..\\b", "", "dir/", "a/./b", "x\ny"})
    EXPECT_THROW(entry(file_with_path(bad)), InvalidResponseError) << bad;
  EXPECT_THROW(entry(R"({"type":"directory","oid":"t","path":".."})"), InvalidResponseError);
  EXPECT_NO_THROW(entry(file_with_path("ok/dir/file name.txt")));
  // The Hub stores a backslash inside a name; only writing it to disk is guarded.
  EXPECT_NO_THROW(entry(file_with_path("folder/..\\x")));
}

TEST(GitRefsJson, BranchesTagsConvertsAndPullRequests) {
  auto refs = parse_git_refs(json::parse(R"({
    "branches":[{"name":"main","ref":"refs/heads/main","targetCommit":"aaaa"},
                {"name":"dev","ref":"refs/heads/dev","targetCommit":"bbbb"}],
    "converts":[],
    "tags":[{"name":"v1","ref":"refs/tags/v1","targetCommit":"cccc"}],
    "pullRequests":[{"name":"refs/pr/1","ref":"refs/pr/1","targetCommit":"dddd"}]})"));
  ASSERT_EQ(refs.branches.size(), 2u);
  EXPECT_EQ(refs.branches[1].name, "dev");
  EXPECT_EQ(refs.branches[1].ref, "refs/heads/dev");
  EXPECT_EQ(refs.branches[1].target_commit, "bbbb");
  EXPECT_TRUE(refs.converts.empty());
  ASSERT_EQ(refs.tags.size(), 1u);
  EXPECT_EQ(refs.tags[0].target_commit, "cccc");
  ASSERT_TRUE(refs.pull_requests);
  EXPECT_EQ(refs.pull_requests->at(0).ref, "refs/pr/1");
}

TEST(GitRefsJson, WithoutPullRequestsKeyThereAreNone) {
  auto refs = parse_git_refs(json::parse(R"({"branches":[],"converts":[],"tags":[]})"));
  EXPECT_FALSE(refs.pull_requests);
  EXPECT_THROW(parse_git_refs(json::parse("[]")), InvalidResponseError);
  EXPECT_THROW(parse_git_refs(json::parse(R"({"branches":[{"name":"x"}]})")), InvalidResponseError);
}

TEST(GitCommitJson, AuthorsAndFormatted) {
  auto c = parse_git_commit(json::parse(R"({"id":"abc","title":"t <b>","message":"m","date":"2026-01-01T00:00:00.000Z",
    "authors":[{"user":"alice","avatar":"x"},{"user":"bob"}],
    "formatted":{"title":"t &lt;b&gt;","message":"m"}})")
                                .as_object());
  EXPECT_EQ(c.commit_id, "abc");
  EXPECT_EQ(c.title, "t <b>");
  EXPECT_EQ(c.message, "m");
  EXPECT_EQ(c.created_at, "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(c.authors, (std::vector<std::string>{"alice", "bob"}));
  EXPECT_EQ(c.formatted_title, "t &lt;b&gt;");
  EXPECT_EQ(c.formatted_message, "m");

  auto plain =
      parse_git_commit(json::parse(R"({"id":"d","title":"x","message":"","authors":[],"date":"z"})").as_object());
  EXPECT_FALSE(plain.formatted_title);
  EXPECT_THROW(parse_git_commit(json::parse(R"({"title":"no id"})").as_object()), InvalidResponseError);
}

TEST(LfsFileJson, AllFields) {
  auto f = parse_lfs_file(json::parse(R"({"fileOid":"g1","filename":"w.bin","oid":"s256","pushedAt":"2026",
    "ref":null,"size":42})")
                              .as_object());
  EXPECT_EQ(f.file_oid, "g1");
  EXPECT_EQ(f.filename, "w.bin");
  EXPECT_EQ(f.oid, "s256");
  EXPECT_EQ(f.pushed_at, "2026");
  EXPECT_FALSE(f.ref);
  EXPECT_EQ(f.size, 42);
}

TEST(SafetensorsHeader, TensorsMetadataAndParameterCounts) {
  auto m = parse_safetensors_header(R"({"__metadata__":{"format":"pt"},
    "a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},
    "b":{"dtype":"F32","shape":[4],"data_offsets":[24,40]},
    "c":{"dtype":"BF16","shape":[],"data_offsets":[40,42]}})",
                                    "test");
  EXPECT_EQ(m.metadata.at("format"), "pt");
  ASSERT_EQ(m.tensors.size(), 3u);
  EXPECT_EQ(m.tensors.at("a").shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(m.tensors.at("a").data_offsets, (std::pair<int64_t, int64_t>{0, 24}));
  EXPECT_EQ(m.tensors.at("a").parameter_count, 6);
  EXPECT_EQ(m.tensors.at("c").parameter_count, 1);
  EXPECT_EQ(m.parameter_count.at("F32"), 10);
  EXPECT_EQ(m.parameter_count.at("BF16"), 1);
}

TEST(SafetensorsHeader, MalformedHeadersAreParsingErrors) {
  EXPECT_THROW(parse_safetensors_header("not json", "t"), SafetensorsParsingError);
  EXPECT_THROW(parse_safetensors_header("[1]", "t"), SafetensorsParsingError);
  EXPECT_THROW(parse_safetensors_header(R"({"a":{"dtype":"F32","shape":[1]}})", "t"), SafetensorsParsingError);
  EXPECT_THROW(parse_safetensors_header(R"({"a":{"dtype":"F32","shape":["x"],"data_offsets":[0,4]}})", "t"),
               SafetensorsParsingError);
  EXPECT_THROW(parse_safetensors_header(R"({"__metadata__":3})", "t"), SafetensorsParsingError);
}

TEST(SafetensorsHeader, LengthPrefixIsLittleEndianAndBounded) {
  EXPECT_EQ(safetensors_header_length(le64(0x0102) + "{}", "t"), 0x0102u);
  EXPECT_EQ(safetensors_header_length(le64(kSafetensorsMaxHeaderLength), "t"), kSafetensorsMaxHeaderLength);
  EXPECT_THROW(safetensors_header_length(le64(kSafetensorsMaxHeaderLength + 1), "t"), SafetensorsParsingError);
  EXPECT_THROW(safetensors_header_length("1234567", "t"), SafetensorsParsingError);
}

}  // namespace hfhub::client
