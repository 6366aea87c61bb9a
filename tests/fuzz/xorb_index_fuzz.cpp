// An uploaded xorb (docs/xet.md#xorbs): index_xorb refuses it with a FormatError or returns an
// index that agrees with the bytes: contiguous records, each decoding to its stated size and hash,
// and a xorb hash that our own builder reproduces from the decoded chunks. The streaming
// indexer, fed the same bytes in pieces, agrees.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/xet/xorb_format.h"
#include "common/xet/xorb_indexer.h"
#include "fuzz_check.h"

using namespace hfhub::xet;
using hfhub::fuzz::check;

namespace {

// The streaming indexer over the same bytes in pieces: nullopt when it refuses them.
std::optional<XorbIndex> index_in_pieces(std::string_view bytes, size_t piece) {
  try {
    XorbIndexer indexer;
    for (size_t at = 0; at < bytes.size(); at += piece) indexer.feed(bytes.substr(at, piece));
    return indexer.finish();
  } catch (const FormatError&) {
    return std::nullopt;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto streamed = index_in_pieces(bytes, size % 97 + 1);
  XorbIndex index;
  try {
    index = index_xorb(bytes);
  } catch (const FormatError& e) {
    check(*e.what() != '\0', "a refused xorb without a message");
    check(!streamed, "the streaming indexer accepts what index_xorb refuses");
    return 0;
  }
  check(streamed && streamed->hash == index.hash && streamed->serialized_size == index.serialized_size,
        "the streaming indexer disagrees with index_xorb");
  check(!index.chunks.empty() && index.chunks.size() <= kMaxXorbChunks, "a chunk count out of range");
  check(index.serialized_size <= bytes.size(), "an index past the end of the bytes");
  uint64_t at = 0, unpacked = 0;
  for (const XorbChunk& c : index.chunks) {
    check(c.serialized_start == at && c.serialized_end > at, "records that are not back to back");
    at = c.serialized_end;
    unpacked += c.unpacked_size;
  }
  check(at == index.serialized_size && unpacked == index.unpacked_size, "totals that disagree with the chunks");
  std::vector<std::string> chunks;
  decode_chunks(bytes.substr(0, index.serialized_size), [&](std::string_view c) { chunks.emplace_back(c); });
  check(chunks.size() == index.chunks.size(), "decode_chunks and index_xorb disagree on the count");
  XorbBuilder builder;
  for (size_t i = 0; i < chunks.size(); ++i) {
    check(chunk_hash(chunks[i]) == index.chunks[i].hash, "a chunk hash that is not the decoded bytes' hash");
    check(builder.add(chunks[i], index.chunks[i].hash, Compression(i % 3)), "the builder refused a valid chunk");
  }
  auto [rebuilt, rebuilt_index] = builder.finish();
  check(rebuilt_index.hash == index.hash, "the builder computes another xorb hash");
  check(index_xorb(rebuilt).hash == index.hash, "the rebuilt xorb indexes to another hash");
  return 0;
}
