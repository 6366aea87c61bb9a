#include "server/write/commit_payload.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <string>

#include "common/base64.h"

namespace hfhub::server {

namespace {

const std::string kOid = "a3f1c0de9b8e4d7f6a5b4c3d2e1f00112233445566778899aabbccddeeff0011";
const std::string kHeader = R"({"key":"header","value":{"summary":"Upload","description":""}})";

CommitPayload parsed(std::string_view body) {
  auto result = parse_commit_payload(body);
  if (auto* error = std::get_if<CommitPayloadError>(&result)) {
    ADD_FAILURE() << "unexpected error: " << error->message;
    return {};
  }
  return std::get<CommitPayload>(std::move(result));
}

std::string error_of(std::string_view body) {
  auto result = parse_commit_payload(body);
  if (auto* error = std::get_if<CommitPayloadError>(&result)) return error->message;
  return "(no error)";
}

}  // namespace

TEST(CommitPayload, ParsesWhatPythonSends) {
  // huggingface_hub terminates every line with "\n" and always sends "encoding":"base64".
  std::string body =
      R"({"key":"header","value":{"summary":"Upload folder","description":"two files","parentCommit":"0123456789abcdef0123456789abcdef01234567"}})"
      "\n"
      R"({"key":"file","value":{"content":"aGVsbG8K","path":"README.md","encoding":"base64"}})"
      "\n"
      R"({"key":"lfsFile","value":{"path":"model.safetensors","algo":"sha256","oid":")" +
      kOid +
      R"(","size":123456789}})"
      "\n"
      R"({"key":"deletedFile","value":{"path":"old/weights.bin"}})"
      "\n"
      R"({"key":"deletedFolder","value":{"path":"logs/"}})"
      "\n";
  auto payload = parsed(body);
  EXPECT_EQ(payload.header.summary, "Upload folder");
  EXPECT_EQ(payload.header.description, "two files");
  EXPECT_EQ(payload.header.parent_commit, "0123456789abcdef0123456789abcdef01234567");
  ASSERT_EQ(payload.operations.size(), 4u);

  auto& file = std::get<AddFile>(payload.operations[0]);
  EXPECT_EQ(file.path, "README.md");
  EXPECT_EQ(file.content, "hello\n");
  EXPECT_FALSE(file.old_path);

  auto& lfs = std::get<AddLfsFile>(payload.operations[1]);
  EXPECT_EQ(lfs.path, "model.safetensors");
  EXPECT_EQ(lfs.oid, kOid);
  EXPECT_EQ(lfs.size, 123456789);
  EXPECT_FALSE(lfs.old_path);

  EXPECT_EQ(std::get<DeleteFile>(payload.operations[2]).path, "old/weights.bin");
  EXPECT_EQ(std::get<DeleteFolder>(payload.operations[3]).path, "logs");  // '/' dropped
  EXPECT_EQ(operation_path(payload.operations[3]), "logs");
  EXPECT_EQ(operation_path(payload.operations[1]), "model.safetensors");
}

TEST(CommitPayload, ParsesWhatJsSends) {
  // @huggingface/hub joins lines with "\n" and no final newline; it may send utf-8 text and
  // renames with oldPath.
  std::string body =
      kHeader + "\n" +
      R"({"key":"file","value":{"path":"notes/été.md","content":"# Titre\nligne","encoding":"utf-8","oldPath":"notes/old.md"}})"
      "\n" +
      R"({"key":"lfsFile","value":{"path":"b.bin","algo":"sha256","oid":")" + kOid +
      R"(","size":5,"oldPath":"a.bin"}})";
  auto payload = parsed(body);
  ASSERT_EQ(payload.operations.size(), 2u);
  auto& file = std::get<AddFile>(payload.operations[0]);
  EXPECT_EQ(file.path, "notes/été.md");
  EXPECT_EQ(file.content, "# Titre\nligne");
  EXPECT_EQ(file.old_path, "notes/old.md");
  EXPECT_EQ(std::get<AddLfsFile>(payload.operations[1]).old_path, "a.bin");
}

TEST(CommitPayload, AcceptsCrlfBlankLinesAndAHeaderAlone) {
  std::string body = "\r\n" + kHeader + "\r\n\r\n   \n" + R"({"key":"deletedFile","value":{"path":"a.txt"}})" + "\r\n";
  auto payload = parsed(body);
  EXPECT_EQ(payload.header.summary, "Upload");
  ASSERT_EQ(payload.operations.size(), 1u);
  EXPECT_EQ(std::get<DeleteFile>(payload.operations[0]).path, "a.txt");

  EXPECT_TRUE(parsed(kHeader).operations.empty());  // the service decides about empty commits
}

TEST(CommitPayload, HeaderDefaultsAndParentCommit) {
  auto payload = parsed(R"({"key":"header","value":{}})");
  EXPECT_EQ(payload.header.summary, "");
  EXPECT_EQ(payload.header.description, "");
  EXPECT_FALSE(payload.header.parent_commit);

  payload = parsed(R"({"key":"header","value":{"summary":"s","description":null,"parentCommit":null}})");
  EXPECT_EQ(payload.header.description, "");
  EXPECT_FALSE(payload.header.parent_commit);

  payload = parsed(R"({"key":"header","value":{"summary":"s","parentCommit":"ABCDEF1"}})");
  EXPECT_EQ(payload.header.parent_commit, "abcdef1");  // short ids are resolved by the service

  for (std::string parent : {std::string("abcd"), std::string("xyz12345"), std::string(), std::string(41, 'a')})
    EXPECT_EQ(error_of(R"({"key":"header","value":{"parentCommit":")" + parent + R"("}})"),
              "line 1: 'parentCommit' must be a commit id (5 to 40 hexadecimal digits)")
        << parent;
  EXPECT_EQ(error_of(R"({"key":"header","value":{"summary":42}})"), "line 1: 'summary' must be a string");
}

TEST(CommitPayload, TheHeaderMustComeFirstAndOnlyOnce) {
  EXPECT_EQ(error_of(""), "the commit payload is empty: a header line is required");
  EXPECT_EQ(error_of("\n\r\n  \n"), "the commit payload is empty: a header line is required");
  EXPECT_EQ(error_of(R"({"key":"deletedFile","value":{"path":"a"}})"),
            "line 1: the first line must be the header (key \"header\")");
  EXPECT_EQ(error_of(kHeader + "\n" + kHeader), "line 2: the header may appear only once, on the first line");
}

TEST(CommitPayload, RefusesMalformedLines) {
  EXPECT_EQ(error_of(kHeader + "\n\n{not json}\n").substr(0, 22), "line 3: invalid JSON: ");
  EXPECT_EQ(error_of(kHeader + "\n[1,2]"), "line 2: expected a JSON object {\"key\": ..., \"value\": {...}}");
  EXPECT_EQ(error_of(kHeader + "\n" + R"({"value":{"path":"a"}})"), "line 2: 'key' is required");
  EXPECT_EQ(error_of(kHeader + "\n" + R"({"key":7,"value":{"path":"a"}})"), "line 2: 'key' must be a string");
  EXPECT_EQ(error_of(kHeader + "\n" + R"({"key":"deletedFile"})"), "line 2: 'value' must be an object");
  EXPECT_EQ(error_of(kHeader + "\n" + R"({"key":"deletedFile","value":"a"})"), "line 2: 'value' must be an object");
  // Two objects on one line are not NDJSON.
  EXPECT_EQ(error_of(kHeader + kHeader).substr(0, 22), "line 1: invalid JSON: ");
}

TEST(CommitPayload, RefusesUnknownKeys) {
  EXPECT_EQ(error_of(kHeader + "\n" + R"({"key":"copy","value":{"path":"a"}})"), "line 2: unknown key 'copy'");
  EXPECT_EQ(error_of(kHeader + "\n" + R"({"key":"File","value":{"path":"a"}})"), "line 2: unknown key 'File'");
  EXPECT_EQ(error_of(kHeader + "\n" + R"({"key":")" + std::string(100, 'k') + R"(","value":{}})"),
            "line 2: unknown key");
}

TEST(CommitPayload, IgnoresUnknownFieldsInsideAValue) {
  auto payload = parsed(kHeader + "\n" + R"({"key":"deletedFile","value":{"path":"a","future":true},"extra":1})");
  EXPECT_EQ(std::get<DeleteFile>(payload.operations.at(0)).path, "a");
}

TEST(CommitPayload, FileContentEncodings) {
  std::string binary;
  for (int i = 0; i < 256; ++i) binary += char(i);
  std::string large(1 << 20, '\0');
  for (size_t i = 0; i < large.size(); ++i) large[i] = char(i * 7919 % 251);
  std::string body =
      kHeader + "\n" + R"({"key":"file","value":{"path":"bytes.bin","content":")" + base64_encode(binary) + "\"}}\n" +
      R"({"key":"file","value":{"path":"empty.txt","content":"","encoding":"base64"}})" + "\n" +
      R"({"key":"file","value":{"path":"large.bin","content":")" + base64_encode(large) + R"(","encoding":"BASE64"}})" +
      "\n" + R"({"key":"file","value":{"path":"t.txt","content":"caf\u00e9 \"q\"","encoding":"utf8"}})";
  auto payload = parsed(body);
  ASSERT_EQ(payload.operations.size(), 4u);
  EXPECT_EQ(std::get<AddFile>(payload.operations[0]).content, binary);  // encoding defaults to base64
  EXPECT_EQ(std::get<AddFile>(payload.operations[1]).content, "");
  EXPECT_EQ(std::get<AddFile>(payload.operations[2]).content, large);
  EXPECT_EQ(std::get<AddFile>(payload.operations[3]).content, "caf\xC3\xA9 \"q\"");

  EXPECT_EQ(error_of(kHeader + "\n" + R"({"key":"file","value":{"path":"a","content":"no spaces!"}})"),
            "line 2: 'content' is not valid base64");
  EXPECT_EQ(error_of(kHeader + "\n" + R"({"key":"file","value":{"path":"a","content":"aGk=","encoding":"hex"}})"),
            "line 2: 'encoding' must be \"base64\" or \"utf-8\"");
  EXPECT_EQ(error_of(kHeader + "\n" + R"({"key":"file","value":{"path":"a"}})"), "line 2: 'content' is required");
  EXPECT_EQ(error_of(kHeader + "\n" + R"({"key":"file","value":{"path":"a","content":null}})"),
            "line 2: 'content' is required");
}

TEST(CommitPayload, LfsPointerFields) {
  auto lfs_line = [](std::string fields) {
    return kHeader + "\n" + R"({"key":"lfsFile","value":{"path":"m.bin",)" + fields + "}}";
  };

  auto copy = parsed(lfs_line(R"("algo":"sha256","oid":")" + kOid + "\""));  // no size: a copy
  EXPECT_FALSE(std::get<AddLfsFile>(copy.operations.at(0)).size);

  std::string upper = kOid;
  for (auto& c : upper) c = char(std::toupper(c));
  auto lowered = parsed(lfs_line(R"("oid":")" + upper + R"(","size":0)"));
  EXPECT_EQ(std::get<AddLfsFile>(lowered.operations.at(0)).oid, kOid);
  EXPECT_EQ(std::get<AddLfsFile>(lowered.operations.at(0)).size, 0);

  auto huge = parsed(lfs_line(R"("oid":")" + kOid + R"(","size":9223372036854775807)"));
  EXPECT_EQ(std::get<AddLfsFile>(huge.operations.at(0)).size, INT64_MAX);

  const std::string bad_oid = "line 2: 'oid' must be a sha256 (64 hexadecimal digits)";
  EXPECT_EQ(error_of(lfs_line(R"("oid":")" + kOid.substr(1) + "\"")), bad_oid);
  EXPECT_EQ(error_of(lfs_line(R"("oid":")" + kOid.substr(1) + "g\"")), bad_oid);
  EXPECT_EQ(error_of(lfs_line(R"("oid":")" + kOid + "0\"")), bad_oid);
  EXPECT_EQ(error_of(lfs_line(R"("size":1)")), "line 2: 'oid' is required");
  EXPECT_EQ(error_of(lfs_line(R"("algo":"sha1","oid":")" + kOid + "\"")), "line 2: 'algo' must be \"sha256\"");
  const std::string bad_size = "line 2: 'size' must be a non-negative integer";
  for (std::string size : {"-1", "1.5", "\"10\"", "true", "9223372036854775808", "1e30"})
    EXPECT_EQ(error_of(lfs_line(R"("oid":")" + kOid + R"(","size":)" + size)), bad_size) << size;
}

TEST(CommitPayload, ChecksEveryPath) {
  auto line = [](std::string key, std::string value) {
    return kHeader + "\n" + R"({"key":")" + key + R"(","value":)" + value + "}";
  };
  EXPECT_EQ(error_of(line("file", R"({"path":"../etc/passwd","content":""})")),
            "line 2: invalid 'path': path segments '.' and '..' are not allowed");
  EXPECT_EQ(error_of(line("lfsFile", R"({"path":"/abs.bin","oid":")" + kOid + "\"}")),
            "line 2: invalid 'path': path must be relative (it starts with '/')");
  EXPECT_EQ(error_of(line("deletedFile", R"({"path":".git/config"})")),
            "line 2: invalid 'path': a '.git' segment (in any case) is reserved by git and cannot be part of a path");
  EXPECT_EQ(error_of(line("deletedFile", R"({"path":"dir/"})")),
            "line 2: invalid 'path': a file path must not end with '/'");
  EXPECT_EQ(error_of(line("deletedFile", R"({"path":"a\u0000b"})")),
            "line 2: invalid 'path': path contains a control character");
  EXPECT_EQ(error_of(line("deletedFile", R"({})")), "line 2: 'path' is required");
  EXPECT_EQ(error_of(line("deletedFile", R"({"path":["a"]})")), "line 2: 'path' must be a string");
  EXPECT_EQ(error_of(line("deletedFolder", R"({"path":"/"})")),
            "line 2: invalid 'path': the repository root is not a valid folder here");
  EXPECT_EQ(error_of(line("deletedFolder", R"({"path":""})")),
            "line 2: invalid 'path': the repository root is not a valid folder here");
  EXPECT_EQ(error_of(line("deletedFolder", R"({"path":"a/../b/"})")),
            "line 2: invalid 'path': path segments '.' and '..' are not allowed");
  EXPECT_EQ(error_of(line("file", R"({"path":"a","content":"","oldPath":"..\\b"})")),
            "line 2: invalid 'oldPath': path must not start with '..\\'");
  EXPECT_EQ(error_of(line("lfsFile", R"({"path":"a","oid":")" + kOid + R"(","oldPath":""})")),
            "line 2: invalid 'oldPath': path is empty");
}

TEST(CommitPayload, RefusesTwoOperationsOnOnePath) {
  std::string add = R"({"key":"file","value":{"path":"a/b.txt","content":""}})";
  std::string del = R"({"key":"deletedFile","value":{"path":"a/b.txt"}})";
  EXPECT_EQ(error_of(kHeader + "\n" + add + "\n\n" + del), "line 4: 'a/b.txt' is already changed by line 2");
  EXPECT_EQ(error_of(kHeader + "\n" + add + "\n" + add), "line 3: 'a/b.txt' is already changed by line 2");
  // Folder paths are compared without their trailing '/'.
  EXPECT_EQ(error_of(kHeader + "\n" + R"({"key":"deletedFolder","value":{"path":"a/"}})" + "\n" +
                     R"({"key":"deletedFolder","value":{"path":"a"}})"),
            "line 3: 'a' is already changed by line 2");
  // Delete, then add: the Hub applies operations in order, so this re-adds the path.
  EXPECT_EQ(parsed(kHeader + "\n" + del + "\n" + add).operations.size(), 2u);
  EXPECT_EQ(error_of(kHeader + "\n" + del + "\n" + add + "\n" + add), "line 4: 'a/b.txt' is already changed by line 3");
  EXPECT_EQ(error_of(kHeader + "\n" + del + "\n" + add + "\n" + del), "line 4: 'a/b.txt' is already changed by line 3");
  // Paths are case-sensitive, as in git.
  auto payload = parsed(kHeader + "\n" + add + "\n" + R"({"key":"file","value":{"path":"A/b.txt","content":""}})");
  EXPECT_EQ(payload.operations.size(), 2u);
}

}  // namespace hfhub::server

namespace hfhub::server {

// The route answers InvalidPath for path errors and BadRequest for the rest, so the parser says which.
TEST(CommitPayload, TellsPathErrorsFromMalformedPayloads) {
  auto kind_of = [](std::string_view body) {
    auto result = parse_commit_payload(body);
    auto* error = std::get_if<CommitPayloadError>(&result);
    if (!error) return std::string("ok");
    return std::string(error->invalid_path ? "path" : "malformed");
  };
  EXPECT_EQ(kind_of(kHeader + "\n" + R"({"key":"deletedFile","value":{"path":"../x"}})"), "path");
  EXPECT_EQ(kind_of(kHeader + "\n" + R"({"key":"deletedFolder","value":{"path":".git/"}})"), "path");
  EXPECT_EQ(kind_of(kHeader + "\n" + R"({"key":"copy","value":{"path":"a"}})"), "malformed");
  EXPECT_EQ(kind_of("not json"), "malformed");
  EXPECT_EQ(kind_of(kHeader + "\n" + R"({"key":"deletedFile","value":{"path":"a.txt"}})"), "ok");
}

}  // namespace hfhub::server
