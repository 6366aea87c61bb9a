// An uploaded shard (docs/xet.md#shards): parse_shard refuses it with a FormatError or returns
// recipes that survive a round trip through the upload writer unchanged.
#include <cstdint>
#include <string>

#include "common/xet/shard_format.h"
#include "fuzz_check.h"

using namespace hfhub::xet;
using hfhub::fuzz::check;

namespace {

bool same_files(const Shard& a, const Shard& b) {
  if (a.files.size() != b.files.size()) return false;
  for (size_t i = 0; i < a.files.size(); ++i) {
    const FileRecipe &x = a.files[i], &y = b.files[i];
    if (x.file_hash != y.file_hash || x.verification != y.verification || x.sha256 != y.sha256) return false;
    if (x.terms.size() != y.terms.size() || x.size() != y.size()) return false;
    for (size_t t = 0; t < x.terms.size(); ++t) {
      const FileTerm &p = x.terms[t], &q = y.terms[t];
      if (p.xorb != q.xorb || p.chunk_start != q.chunk_start || p.chunk_end != q.chunk_end) return false;
    }
  }
  return true;
}

bool same_xorbs(const Shard& a, const Shard& b) {
  if (a.xorbs.size() != b.xorbs.size()) return false;
  for (size_t i = 0; i < a.xorbs.size(); ++i) {
    const ShardXorb &x = a.xorbs[i], &y = b.xorbs[i];
    if (x.hash != y.hash || x.unpacked_bytes != y.unpacked_bytes || x.chunks.size() != y.chunks.size()) return false;
    for (size_t c = 0; c < x.chunks.size(); ++c) {
      const ShardChunk &p = x.chunks[c], &q = y.chunks[c];
      if (p.hash != q.hash || p.unpacked_offset != q.unpacked_offset || p.unpacked_size != q.unpacked_size ||
          p.flags != q.flags)
        return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Shard shard;
  try {
    shard = parse_shard(bytes);
  } catch (const FormatError& e) {
    check(*e.what() != '\0', "a refused shard without a message");
    return 0;
  }
  bool verified = true;
  for (const FileRecipe& f : shard.files) {
    check(f.verification.empty() || f.verification.size() == f.terms.size(), "verification count != terms");
    for (const FileTerm& t : f.terms) check(t.chunk_start < t.chunk_end, "an empty term accepted");
    verified = verified && f.verification.size() == f.terms.size();
  }
  // The upload writer always writes verification entries; a shard without them has no upload form.
  if (!verified) return 0;
  std::string again = serialize_upload_shard(shard);
  check(again.size() <= bytes.size(), "the upload form is larger than the records it was read from");
  Shard back = parse_shard(again);
  check(same_files(shard, back), "files change through serialize_upload_shard");
  check(same_xorbs(shard, back), "xorbs change through serialize_upload_shard");
  return 0;
}
