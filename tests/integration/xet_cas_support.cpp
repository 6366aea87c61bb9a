#include "xet_cas_support.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "commit_support.h"
#include "common/hash.h"
#include "common/xet/merkle.h"
#include "server_fixture.h"

namespace hfhub::testing {

namespace json = boost::json;

std::vector<xet::MerkleHash> XetUpload::chunk_hashes() const {
  std::vector<xet::MerkleHash> out;
  for (auto& c : index.chunks) out.push_back(c.hash);
  return out;
}

XetUpload make_xet_upload(size_t size, size_t chunk, unsigned seed) {
  XetUpload u;
  std::mt19937 rng(seed);
  u.data.resize(size);
  // Every other 64-byte run is zeros, so LZ4 has something to compress.
  for (size_t i = 0; i < size; ++i) u.data[i] = (i / 64) % 2 ? char(0) : char(rng() & 0xff);
  xet::XorbBuilder builder;
  for (size_t at = 0; at < size; at += chunk) {
    auto piece = std::string_view(u.data).substr(at, chunk);
    u.chunk_sizes.push_back(piece.size());
    EXPECT_TRUE(builder.add(piece, xet::chunk_hash(piece)));
  }
  std::tie(u.xorb, u.index) = builder.finish();
  xet::ShardXorb listed{u.index.hash, {}, uint32_t(u.index.unpacked_size), uint32_t(u.xorb.size())};
  uint32_t offset = 0;
  for (auto& c : u.index.chunks) {
    listed.chunks.push_back({c.hash, offset, c.unpacked_size, 0});
    offset += c.unpacked_size;
  }
  u.shard.xorbs.push_back(listed);
  xet::FileRecipe recipe;
  recipe.terms.push_back({u.index.hash, uint32_t(size), 0, uint32_t(u.index.chunks.size())});
  u.shard.files.push_back(recipe);
  refresh_recipe(u);
  return u;
}

void refresh_recipe(XetUpload& u) {
  auto& recipe = u.shard.files.front();
  std::vector<xet::HashedSize> all;
  recipe.verification.clear();
  for (auto& t : recipe.terms) {
    std::vector<xet::MerkleHash> hashes;
    for (uint32_t c = t.chunk_start; c < t.chunk_end; ++c) {
      hashes.push_back(u.index.chunks[c].hash);
      all.push_back({u.index.chunks[c].hash, u.index.chunks[c].unpacked_size});
    }
    recipe.verification.push_back(xet::range_hash(hashes));
  }
  recipe.file_hash = u.file_hash = xet::file_hash(all);
  u.sha256 = sha256_hex(u.data);
  recipe.sha256 = u.sha256;
}

XetToken xet_token(const std::string& repo, const std::string& direction, const char* as) {
  std::vector<std::string> headers;
  if (as) headers.push_back(bearer(as));
  auto r = http_get(api_url("/api/models/" + repo + "/xet-" + direction + "-token/main"), headers);
  EXPECT_EQ(r.status, 200) << r.body;
  auto body = r.json().as_object();
  return {std::string(body.at("accessToken").as_string()), std::string(body.at("casUrl").as_string())};
}

std::string bearer_xet(const XetToken& t) { return "Authorization: Bearer " + t.token; }

RawResponse post_xorb(const XetToken& t, const XetUpload& u) {
  return http("POST", t.cas + "/v1/xorbs/default/" + u.index.hash.hex(), {bearer_xet(t), "Expect:"}, u.xorb);
}

RawResponse post_shard(const XetToken& t, const std::string& bytes, const std::string& path) {
  return http("POST", t.cas + path, {bearer_xet(t), "Expect:"}, bytes);
}

RawResponse get_reconstruction(const XetToken& t, const xet::MerkleHash& file, const std::string& range,
                               const std::string& version) {
  std::vector<std::string> headers{bearer_xet(t)};
  if (!range.empty()) headers.push_back("Range: " + range);
  return http_get(t.cas + "/" + version + "/reconstructions/" + file.hex(), headers);
}

std::string reconstruct_bytes(const RawResponse& v2, uint64_t length) {
  auto body = v2.json().as_object();
  std::string out;
  for (auto& term : body.at("terms").as_array()) {
    auto hash = std::string(term.at("hash").as_string());
    auto start = term.at("range").at("start").to_number<uint32_t>();
    auto end = term.at("range").at("end").to_number<uint32_t>();
    bool found = false;
    for (auto& entry : body.at("xorbs").at(hash).as_array()) {
      auto& r = entry.at("ranges").as_array().at(0);
      auto cs = r.at("chunks").at("start").to_number<uint32_t>(), ce = r.at("chunks").at("end").to_number<uint32_t>();
      if (cs > start || ce < end) continue;
      auto bytes = std::to_string(r.at("bytes").at("start").to_number<uint64_t>()) + "-" +
                   std::to_string(r.at("bytes").at("end").to_number<uint64_t>());
      auto got = http_get(std::string(entry.at("url").as_string()), {"Range: bytes=" + bytes});
      EXPECT_EQ(got.status, 206) << got.body;
      uint32_t index = cs;
      xet::decode_chunks(got.body, [&](std::string_view chunk) {
        if (index >= start && index < end) out.append(chunk);
        ++index;
      });
      found = true;
      break;
    }
    EXPECT_TRUE(found) << "no fetch entry covers a term of xorb " << hash;
  }
  auto offset = body.at("offset_into_first_range").to_number<uint64_t>();
  return out.substr(std::min<size_t>(offset, out.size()), length);
}

size_t stored_xet_objects(const std::string& kind) {
  namespace fs = std::filesystem;
  auto dir = fs::path(shared_server().data_dir()) / "xet" / kind;
  size_t n = 0;
  if (!fs::exists(dir)) return 0;
  for (auto& e : fs::recursive_directory_iterator(dir)) n += e.is_regular_file();
  return n;
}

std::string shared_signing_key() {
  std::ifstream in(std::filesystem::path(shared_server().data_dir()) / "url-signing.key");
  std::string key;
  in >> key;
  return key;
}

}  // namespace hfhub::testing
