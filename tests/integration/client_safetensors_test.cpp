// get_safetensors_metadata / parse_safetensors_file_metadata against hfhubd: headers of real
// .safetensors files the tests build (8-byte LE length + JSON header + data), a ~10 MB file read
// with ranges only (checked in the server's access log), a header longer than the first range,
// a sharded index (also through GET …/safetensors-metadata/{index}), and the typed errors.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "commit_support.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

std::string le64(uint64_t n) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[size_t(i)] = char((n >> (8 * i)) & 0xff);
  return out;
}

// A .safetensors file: 8-byte LE header length, the JSON header, then the tensor bytes. One F32
// tensor per entry of `tensors` (name -> element count), laid out back to back.
std::string safetensors_bytes(const std::vector<std::pair<std::string, int64_t>>& tensors,
                              const std::string& metadata_pad = "") {
  json::object header;
  if (!metadata_pad.empty()) header["__metadata__"] = json::object{{"format", "pt"}, {"pad", metadata_pad}};
  int64_t offset = 0;
  for (const auto& [name, count] : tensors) {
    header[name] = json::object{
        {"dtype", "F32"}, {"shape", json::array{count}}, {"data_offsets", json::array{offset, offset + 4 * count}}};
    offset += 4 * count;
  }
  std::string text = json::serialize(header);
  return le64(text.size()) + text + std::string(size_t(offset), '\x01');
}

// Commits `bytes` at `path` as an LFS file (the object stored as a finished upload would).
void commit_lfs(const std::string& id, const std::string& path, const std::string& bytes) {
  auto oid = put_lfs_object(id, bytes);
  commit_ok(id, {header_line("add " + path), lfs_line(path, oid, int64_t(bytes.size()))});
}

// Access-log lines of the shared server for requests whose target contains `needle`.
std::vector<std::string> access_log_lines(const std::string& needle) {
  std::ifstream log(shared_server().data_dir() + "/hfhubd.log");
  std::vector<std::string> out;
  for (std::string line; std::getline(log, line);)
    if (line.find(needle) != std::string::npos) out.push_back(line);
  return out;
}

TEST(ClientContentSafetensors, SingleFileHeaderByRangeReadsOnly) {
  std::string id = new_model("alice");
  // ~10 MB of tensor data behind a small header.
  auto bytes = safetensors_bytes({{"embed", 2'500'000}, {"bias", 16}}, "x");
  ASSERT_GT(bytes.size(), 10'000'000u);
  commit_lfs(id, "model.safetensors", bytes);

  auto api = client(Tokens::alice_read);
  auto file = api.parse_safetensors_file_metadata(id, "model.safetensors");
  ASSERT_EQ(file.tensors.size(), 2u);
  EXPECT_EQ(file.tensors.at("embed").dtype, "F32");
  EXPECT_EQ(file.tensors.at("embed").shape, std::vector<int64_t>{2'500'000});
  EXPECT_EQ(file.tensors.at("bias").data_offsets, (std::pair<int64_t, int64_t>{10'000'000, 10'000'064}));
  EXPECT_EQ(file.metadata.at("format"), "pt");
  EXPECT_EQ(file.parameter_count.at("F32"), 2'500'016);

  auto repo = api.get_safetensors_metadata(id);
  EXPECT_FALSE(repo.sharded);
  EXPECT_EQ(repo.weight_map.at("embed"), "model.safetensors");
  EXPECT_EQ(repo.parameter_count.at("F32"), 2'500'016);
  ASSERT_EQ(repo.files_metadata.count("model.safetensors"), 1u);

  // The server's access log: every GET of the file was a 206 of at most the first range.
  auto lines = access_log_lines(" GET /" + id + "/resolve/main/model.safetensors");
  ASSERT_GE(lines.size(), 2u);
  for (const auto& line : lines) {
    EXPECT_NE(line.find(" 206 "), std::string::npos) << line;
    std::istringstream words(line.substr(line.find(" 206 ") + 5));
    std::string bytes_field;
    words >> bytes_field;
    EXPECT_LE(std::stoll(bytes_field), 100'001) << line;
  }
}

TEST(ClientContentSafetensors, LongHeaderNeedsASecondRange) {
  std::string id = new_model("alice");
  auto bytes = safetensors_bytes({{"w", 3}}, std::string(150'000, 'p'));
  commit_lfs(id, "big-header.safetensors", bytes);
  auto file = client().parse_safetensors_file_metadata(id, "big-header.safetensors");
  EXPECT_EQ(file.metadata.at("pad").size(), 150'000u);
  EXPECT_EQ(file.tensors.at("w").parameter_count, 3);
  auto lines = access_log_lines(" GET /" + id + "/resolve/main/big-header.safetensors");
  EXPECT_EQ(lines.size(), 2u);
}

TEST(ClientContentSafetensors, ShardedIndex) {
  std::string id = new_model("alice");
  auto shard1 = safetensors_bytes({{"layer.0", 10}, {"layer.1", 20}});
  auto shard2 = safetensors_bytes({{"head", 5}});
  commit_lfs(id, "model-00001-of-00002.safetensors", shard1);
  commit_lfs(id, "model-00002-of-00002.safetensors", shard2);
  json::object index{{"metadata", json::object{{"total_size", 140}}},
                     {"weight_map", json::object{{"layer.0", "model-00001-of-00002.safetensors"},
                                                 {"layer.1", "model-00001-of-00002.safetensors"},
                                                 {"head", "model-00002-of-00002.safetensors"}}}};
  commit_ok(id, {header_line("index"), text_line("model.safetensors.index.json", json::serialize(index))});

  auto repo = client().get_safetensors_metadata(id);
  EXPECT_TRUE(repo.sharded);
  EXPECT_EQ(repo.metadata.at("total_size"), "140");
  EXPECT_EQ(repo.weight_map.at("head"), "model-00002-of-00002.safetensors");
  ASSERT_EQ(repo.files_metadata.size(), 2u);
  EXPECT_EQ(repo.files_metadata.at("model-00001-of-00002.safetensors").tensors.size(), 2u);
  EXPECT_EQ(repo.parameter_count.at("F32"), 35);

  // Python 2's get_sharded_safetensors_metadata: the index and every shard's header at once.
  auto all = http_get(api_url("/api/models/" + id + "/safetensors-metadata/model.safetensors.index.json"));
  ASSERT_EQ(all.status, 200) << all.body;
  auto body = all.json().as_object();
  EXPECT_EQ(body.at("index"), json::value(index));
  auto& headers = body.at("headers").as_object();
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers.at("model-00002-of-00002.safetensors").at("head").at("shape"), (json::array{5}));
  EXPECT_EQ(headers.at("model-00001-of-00002.safetensors").as_object().size(), 2u);
  auto missing = http_get(api_url("/api/models/" + id + "/safetensors-metadata/none.index.json"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("x-error-code"), "EntryNotFound");
  auto not_index = http_get(api_url("/api/models/" + id + "/safetensors-metadata/model-00002-of-00002.safetensors"));
  EXPECT_EQ(not_index.status, 422);
}

TEST(ClientContentSafetensors, TypedErrors) {
  std::string id = new_model("alice");
  commit_ok(id, {header_line("not weights"), text_line("README.md", "# just text, no tensors here\n")});
  auto api = client();
  EXPECT_THROW(api.get_safetensors_metadata(id), NotASafetensorsRepoError);
  EXPECT_THROW(api.parse_safetensors_file_metadata(id, "README.md"), SafetensorsParsingError);
  EXPECT_THROW(api.parse_safetensors_file_metadata(id, "missing.safetensors"), EntryNotFoundError);
  EXPECT_THROW(api.get_safetensors_metadata("alice/" + unique_name("never")), RepositoryNotFoundError);
}

}  // namespace
}  // namespace hfhub::testing
