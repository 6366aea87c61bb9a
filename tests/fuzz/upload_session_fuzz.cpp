// The client side of a Xet upload (docs/xet.md#chunking, #client) on inputs cut into arbitrary
// feeds: the chunk boundaries equal the one-shot ones, and the shard's recipes rebuild every file
// from the xorbs handed over. The input is stretched (each byte repeated, then the whole
// repeated) so that files span several chunks; its first bytes pick the feed sizes.
#include <cstdint>
#include <map>
#include <string>

#include "common/xet/upload_session.h"
#include "fuzz_check.h"

using namespace hfhub::xet;
using hfhub::fuzz::check;

namespace {

std::string stretch(std::string_view seed) {
  std::string out;
  for (int round = 0; round < 3; ++round)
    for (size_t i = 0; i < seed.size(); ++i) out.append(1 + (uint8_t(seed[i]) ^ round) % 64, seed[i] ^ char(i));
  return out;
}

std::string rebuild(const FileRecipe& recipe, const std::map<MerkleHash, std::pair<std::string, XorbIndex>>& xorbs) {
  std::string out;
  for (const FileTerm& t : recipe.terms) {
    auto it = xorbs.find(t.xorb);
    check(it != xorbs.end(), "a term names a xorb that was never handed over");
    const auto& [bytes, index] = it->second;
    check(t.chunk_end <= index.chunks.size(), "a term past its xorb's chunks");
    uint64_t from = index.chunks[t.chunk_start].serialized_start, to = index.chunks[t.chunk_end - 1].serialized_end;
    decode_chunks(std::string_view(bytes).substr(from, to - from), [&](std::string_view c) { out += c; });
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  std::string file = stretch(std::string_view(reinterpret_cast<const char*>(data) + 2, size - 2));
  size_t piece = 1 + (data[0] | data[1] << 8) % 20000;

  Chunker chunker;
  std::vector<size_t> lengths;
  for (size_t at = 0; at < file.size(); at += piece) chunker.feed(std::string_view(file).substr(at, piece), lengths);
  if (size_t last = chunker.finish()) lengths.push_back(last);
  check(lengths == chunk_lengths(file), "feeds give other boundaries than one shot");

  std::map<MerkleHash, std::pair<std::string, XorbIndex>> xorbs;
  UploadSession session(
      [&](std::string bytes, const XorbIndex& index) {
        xorbs[index.hash] = {bytes, index};
      },
      std::nullopt);
  for (int copy = 0; copy < 2; ++copy) {  // the second copy dedups against the first
    session.begin_file();
    for (size_t at = 0; at < file.size(); at += piece) session.feed(std::string_view(file).substr(at, piece));
    session.finish_file();
  }
  Shard shard = parse_shard(session.finish());
  check(shard.files.size() == 2, "a file is missing from the shard");
  for (const FileRecipe& recipe : shard.files) {
    check(recipe.size() == file.size(), "a recipe of the wrong size");
    check(rebuild(recipe, xorbs) == file, "a recipe does not rebuild its file");
  }
  return 0;
}
