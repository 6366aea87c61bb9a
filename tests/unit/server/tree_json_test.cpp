#include "server/routes/support/tree_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace hfhub::server {
namespace {

boost::json::object entry_json(const GitEntry& e, const EntryExpansion* expansion = nullptr) {
  JsonWriter w;
  write_tree_entry(w, e, expansion);
  return boost::json::parse(w.str()).as_object();
}

GitEntry file(std::string path, int64_t size) {
  GitEntry e;
  e.path = std::move(path);
  e.oid = std::string(40, 'a');
  e.size = size;
  return e;
}

TEST(TreeJson, RegularFile) {
  auto o = entry_json(file("dir/config.json", 12));
  EXPECT_EQ(o.at("type").as_string(), "file");
  EXPECT_EQ(o.at("oid").as_string(), std::string(40, 'a'));
  EXPECT_EQ(o.at("size").as_int64(), 12);
  EXPECT_EQ(o.at("path").as_string(), "dir/config.json");
  EXPECT_FALSE(o.contains("lfs"));
  EXPECT_FALSE(o.contains("xetHash"));
  EXPECT_FALSE(o.contains("lastCommit"));
  EXPECT_FALSE(o.contains("securityFileStatus"));
}

TEST(TreeJson, LfsFileReportsContentSizeAndPointerSize) {
  auto e = file("model.bin", 134);
  e.lfs = LfsPointer{std::string(64, 'b'), 5'000'000};
  auto o = entry_json(e);
  EXPECT_EQ(o.at("size").as_int64(), 5'000'000);
  EXPECT_EQ(o.at("lfs").at("oid").as_string(), std::string(64, 'b'));
  EXPECT_EQ(o.at("lfs").at("size").as_int64(), 5'000'000);
  EXPECT_EQ(o.at("lfs").at("pointerSize").as_int64(), 134);
}

TEST(TreeJson, Directory) {
  GitEntry d;
  d.path = "a/b";
  d.is_dir = true;
  d.oid = std::string(40, 'c');
  auto o = entry_json(d);
  EXPECT_EQ(o.at("type").as_string(), "directory");
  EXPECT_EQ(o.at("size").as_int64(), 0);
  EXPECT_EQ(o.at("oid").as_string(), std::string(40, 'c'));
}

TEST(TreeJson, ExpandAddsLastCommitAndSecurityStatus) {
  EntryExpansion x;
  GitCommitInfo info;
  info.id = std::string(40, 'd');
  info.title = "Upload";
  info.author.time_ms = 1'700'000'000'000;
  x.last_commits["f.txt"] = info;
  auto o = entry_json(file("f.txt", 1), &x);
  EXPECT_EQ(o.at("lastCommit").at("id").as_string(), std::string(40, 'd'));
  EXPECT_EQ(o.at("lastCommit").at("title").as_string(), "Upload");
  EXPECT_EQ(o.at("lastCommit").at("date").as_string(), "2023-11-14T22:13:20.000Z");
  // Python reads all three keys whenever securityFileStatus is present.
  auto& s = o.at("securityFileStatus").as_object();
  EXPECT_EQ(s.at("status").as_string(), "safe");
  EXPECT_TRUE(s.contains("avScan"));
  EXPECT_TRUE(s.contains("pickleImportScan"));
  // An entry beyond the searched history has no lastCommit, but still its status.
  auto other = entry_json(file("g.txt", 1), &x);
  EXPECT_FALSE(other.contains("lastCommit"));
  EXPECT_TRUE(other.contains("securityFileStatus"));
}

TEST(TreeJson, ArrayOfEntries) {
  EXPECT_EQ(tree_entries_json({}, nullptr), "[]");
  auto arr = boost::json::parse(tree_entries_json({file("a", 1), file("b", 2)}, nullptr)).as_array();
  ASSERT_EQ(arr.size(), 2u);
  EXPECT_EQ(arr[1].at("path").as_string(), "b");
}

}  // namespace
}  // namespace hfhub::server
