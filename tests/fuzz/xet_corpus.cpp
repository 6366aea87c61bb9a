// Writes the seed corpora of xorb_index_fuzz and shard_parse_fuzz with our own serializers
// (run by tests/fuzz/make-xet-corpus.sh; not a fuzz target). Each seed is small and exercises
// one form: every compression scheme, the XETBLOB footer, each client's shard upload form.
#include <cstdio>
#include <fstream>
#include <string>

#include "common/xet/shard_format.h"
#include "common/xet/xorb_format.h"

using namespace hfhub::xet;

namespace {

void write(const std::string& dir, const std::string& name, const std::string& bytes) {
  std::ofstream(dir + "/" + name, std::ios::binary) << bytes;
}

std::string floats(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(i % 4 == 3 ? '\x3f' : char(i * 7 % 251));
  return s;
}

std::string xorb_of(std::initializer_list<std::pair<std::string, Compression>> chunks) {
  XorbBuilder b;
  for (auto& [data, scheme] : chunks) b.add(data, chunk_hash(data), scheme);
  return b.finish().first;
}

void xorbs(const std::string& dir) {
  write(dir, "raw", xorb_of({{"hello", Compression::None}}));
  write(dir, "lz4", xorb_of({{std::string(300, 'a') + "tail", Compression::Lz4}}));
  write(dir, "bg4", xorb_of({{floats(402), Compression::ByteGrouping4Lz4}}));
  write(dir, "mixed",
        xorb_of({{"one", Compression::None},
                 {std::string(200, 'b'), Compression::Lz4},
                 {floats(256), Compression::ByteGrouping4Lz4}}));
  write(dir, "footer", xorb_of({{"hello", Compression::None}}) + "XETBLOB\x01" + std::string(40, '\0'));
}

Shard sample() {
  Shard s;
  ShardXorb x{chunk_hash("x"), {}, 0, 0};
  for (uint32_t i = 0; i < 2; ++i) {
    x.chunks.push_back({chunk_hash(std::to_string(i)), x.unpacked_bytes, 100 + i, i ? 0 : kGlobalDedupChunkFlag});
    x.unpacked_bytes += 100 + i;
  }
  s.xorbs.push_back(x);
  s.files.push_back({chunk_hash("f"),
                     {{x.hash, 201, 0, 2}},
                     {chunk_hash("v")},
                     std::string("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")});
  return s;
}

void shards(const std::string& dir) {
  Shard s = sample();
  std::string upload = serialize_upload_shard(s);
  std::string dedup = serialize_dedup_shard(s.xorbs, chunk_hash("key"), 1, 2);
  std::string footer = dedup.substr(dedup.size() - 200);
  std::string stale = upload;
  stale[40] = char(200);  // hf_xet <= 1.2: footer_size 200 without a footer
  write(dir, "upload", upload);
  write(dir, "upload_stale_footer_size", stale);
  write(dir, "upload_with_footer", stale + footer);
  write(dir, "upload_with_tables", stale + std::string(24, '\x11') + footer);
  write(dir, "dedup", dedup);
  write(dir, "empty", serialize_upload_shard(Shard{}));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <xorb-corpus-dir> <shard-corpus-dir>\n", argv[0]);
    return 2;
  }
  xorbs(argv[1]);
  shards(argv[2]);
  return 0;
}
