// File hashes computed by the real client, hf_xet 1.8.0 (`hf_xet.hash_files`, printed by
// tests/xet/hf_xet_vectors.py), for inputs regenerated here: our chunker, chunk hashes, Merkle
// tree and file hash must agree with it byte for byte, through UploadSession as well.
#include <gtest/gtest.h>

#include "common/xet/upload_session.h"

namespace hfhub::xet {
namespace {

std::string splitmix(size_t n, uint64_t seed) {
  std::string out;
  uint64_t state = seed;
  while (out.size() < n) {
    state += 0x9E3779B97F4A7C15ull;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    for (int i = 0; i < 8; ++i) out.push_back(char(uint8_t(z >> (8 * i))));
  }
  out.resize(n);
  return out;
}

std::string repeat(const std::string& s, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += s;
  return out;
}

struct Vector {
  const char* name;
  std::string data;
  const char* file_hash;
};

std::vector<Vector> vectors() {
  return {
      {"splitmix(1000000, 0)", splitmix(1000000, 0),
       "3d17b2d7d64a0e011b6717a52d9a16bd2c3f05b743fa8adf52a7d75dafab6d89"},
      {"splitmix(10000000, 1)", splitmix(10000000, 1),
       "9df71a9767e4a29cdd184a51838ffef8a5d1a6925f82d9c421542210d6c463c9"},
      {"constant(1000000, 59)", std::string(1000000, char(59)),
       "53f845640fcd1c7440befff65bd93434c83a30c6559a705597d61f2ef64e2f88"},
      {"splitmix(1, 2)", splitmix(1, 2), "522d6526e207f07b3d8d69d0d62dabb59247ebdefb880a013c7c64d91829f98a"},
      {"splitmix(8191, 2)", splitmix(8191, 2), "17ffeba6a9aa346cc5d86293139b0dfc30efc1d877f22be986e6ed2cec8193db"},
      {"splitmix(8192, 2)", splitmix(8192, 2), "5dd6ee03d19880a71a23844db58766db32358616601183cc117149cb09f75769"},
      {"splitmix(8193, 2)", splitmix(8193, 2), "bd17142369b139f4f8b71f95202861b2d27f1679599437397e30291b0f7022d4"},
      {"splitmix(131072, 2)", splitmix(131072, 2), "546fe5e7214155370d64799a47e5e5fcf369d9cc1ab0db5f976e4cf3a03108ba"},
      {"splitmix(131073, 2)", splitmix(131073, 2), "df3d8f820c452b386d9232252eb373318a485b14de67fa36d0053d1fc6a4ed90"},
      {"splitmix(262144, 2)", splitmix(262144, 2), "e98864f640288f563159ce43f6dcc10dbe8aedf340be8cf2f268f4cfeff8a271"},
      {"splitmix(300000, 3) x 4", repeat(splitmix(300000, 3), 4),
       "ae0984a79b2fa9847af0e611ae13542e8479282a7dd0c0ce9412d584f5da62b0"},
  };
}

TEST(XetClientVectors, FileHashesMatchHfXet) {
  for (const Vector& v : vectors()) {
    SCOPED_TRACE(v.name);
    std::vector<HashedSize> chunks;
    size_t at = 0;
    for (size_t n : chunk_lengths(v.data)) {
      chunks.push_back({chunk_hash(std::string_view(v.data).substr(at, n)), n});
      at += n;
    }
    EXPECT_EQ(file_hash(chunks).hex(), v.file_hash);

    UploadSession session([](std::string, const XorbIndex&) {});
    session.begin_file();
    for (size_t from = 0; from < v.data.size(); from += 77777)
      session.feed(std::string_view(v.data).substr(from, 77777));
    EXPECT_EQ(session.finish_file().file_hash.hex(), v.file_hash);
  }
}

}  // namespace
}  // namespace hfhub::xet
