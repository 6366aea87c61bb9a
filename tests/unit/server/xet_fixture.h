#pragma once
// Xet objects for server tests: xorbs built with the core's XorbBuilder and stored as the CAS
// stores them (blob + index), and files made of terms over them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "common/xet/xorb_format.h"
#include "server/stores/fs/fs_blob_store.h"
#include "server/stores/sqlite/sqlite_xet_store.h"
#include "server/xet/xet_file_stream.h"
#include "store_test_support.h"

namespace hfhub::server {

inline std::string random_bytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (auto& c : out) c = char(rng() % 7 == 0 ? 'a' : rng());  // a little compressible
  return out;
}

struct XetFixture {
  TempDatabase temp;
  SqliteXetStore store{*temp.db};
  FsBlobStore xorbs{(temp.dir / "xorbs").string(), (temp.dir / "tmp").string()};

  // A stored xorb of `data` cut into `chunk`-byte chunks; returns its index.
  xet::XorbIndex add_xorb(const std::string& data, size_t chunk) {
    xet::XorbBuilder b;
    for (size_t at = 0; at < data.size(); at += chunk) {
      auto piece = std::string_view(data).substr(at, chunk);
      EXPECT_TRUE(b.add(piece, xet::chunk_hash(piece)));
    }
    auto [bytes, index] = b.finish();
    auto spooled = (temp.dir / "tmp" / index.hash.hex()).string();
    std::ofstream(spooled, std::ios::binary) << bytes;
    xorbs.put_file(spooled, xet_blob_prefix(index.hash), index.hash.hex());
    store.put_xorb({index});
    return index;
  }

  // A term over chunks [start, end) of `x`.
  static xet::FileTerm term(const xet::XorbIndex& x, uint32_t start, uint32_t end) {
    xet::FileTerm t{x.hash, 0, start, end};
    for (uint32_t i = start; i < end; ++i) t.unpacked_bytes += x.chunks[i].unpacked_size;
    return t;
  }
};

}  // namespace hfhub::server
