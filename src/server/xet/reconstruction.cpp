#include "server/xet/reconstruction.h"

#include <algorithm>
#include <map>

#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

const xet::XorbIndex& checked(const XorbLookup& lookup, const xet::FileTerm& t) {
  const auto& index = lookup(t.xorb);
  if (t.chunk_start >= t.chunk_end || t.chunk_end > index.chunks.size())
    throw StoreError("xet index: a file term runs past its xorb's chunks");
  return index;
}

// Per xorb, the chunk ranges sorted and merged when they overlap or touch (§4.4 step 4).
std::vector<XetFetchRange> merge_fetches(const std::vector<xet::FileTerm>& terms, const XorbLookup& lookup) {
  std::vector<xet::MerkleHash> order;
  std::map<xet::MerkleHash, std::vector<std::pair<uint32_t, uint32_t>>> ranges;
  for (auto& t : terms) {
    auto [it, fresh] = ranges.try_emplace(t.xorb);
    if (fresh) order.push_back(t.xorb);
    it->second.emplace_back(t.chunk_start, t.chunk_end);
  }
  std::vector<XetFetchRange> out;
  for (auto& hash : order) {
    auto& list = ranges[hash];
    std::sort(list.begin(), list.end());
    const auto& chunks = lookup(hash).chunks;
    auto emit = [&](uint32_t s, uint32_t e) {
      out.push_back({hash, s, e, chunks[s].serialized_start, chunks[e - 1].serialized_end - 1});
    };
    auto [s, e] = list.front();
    for (size_t i = 1; i < list.size(); ++i) {
      if (list[i].first <= e) {
        e = std::max(e, list[i].second);
      } else {
        emit(s, e);
        std::tie(s, e) = list[i];
      }
    }
    emit(s, e);
  }
  return out;
}

}  // namespace

XetReconstruction plan_reconstruction(const XetFileRecord& file, uint64_t begin, uint64_t end,
                                      const XorbLookup& lookup) {
  XetReconstruction out;
  uint64_t term_start = 0;
  for (const auto& t : file.terms) {
    const uint64_t term_end = term_start + t.unpacked_bytes;
    if (term_end <= begin) {
      term_start = term_end;
      continue;
    }
    if (term_start >= end) break;
    const auto& chunks = checked(lookup, t).chunks;
    uint32_t s = t.chunk_start, e = t.chunk_end;
    uint64_t from = term_start, to = term_end;
    while (s + 1 < e && from + chunks[s].unpacked_size <= begin) from += chunks[s++].unpacked_size;
    while (e - 1 > s && to - chunks[e - 1].unpacked_size >= end) to -= chunks[--e].unpacked_size;
    if (out.terms.empty()) out.offset_into_first_range = begin > from ? begin - from : 0;
    out.terms.push_back({t.xorb, uint32_t(to - from), s, e});
    term_start = term_end;
  }
  out.fetches = merge_fetches(out.terms, lookup);
  return out;
}

}  // namespace hfhub::server
