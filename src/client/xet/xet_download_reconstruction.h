#pragma once
// The CAS's answer to a reconstruction query (docs/xet.md#cas-api), v2 or v1 (converted as
// xet-core does: each v1 fetch_info becomes an entry with one range), and the fetch plan a
// download follows: each distinct xorb byte range once, with the terms it feeds.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/xet/xet_hash.h"

namespace hfhub::client {

struct XetTerm {
  xet::MerkleHash xorb;
  uint32_t chunk_start = 0;  // chunk indices in the xorb, end exclusive
  uint32_t chunk_end = 0;
  uint64_t unpacked_length = 0;
};

struct XetFetchRange {
  std::string url;
  uint32_t chunk_start = 0;  // end exclusive
  uint32_t chunk_end = 0;
  uint64_t byte_start = 0;  // end inclusive, as the CAS writes it
  uint64_t byte_end = 0;
};

struct XetReconstruction {
  uint64_t offset_into_first_range = 0;
  std::vector<XetTerm> terms;
  std::map<xet::MerkleHash, std::vector<XetFetchRange>> fetch;  // per xorb
};

// InvalidResponseError naming `url` on malformed JSON.
XetReconstruction parse_reconstruction_v2(std::string_view body, std::string_view url);
XetReconstruction parse_reconstruction_v1(std::string_view body, std::string_view url);

// One byte range to fetch and the terms it serves.
struct XetFetchUnit {
  xet::MerkleHash xorb;
  XetFetchRange range;
  std::vector<size_t> terms;  // indices into XetReconstruction::terms, ascending
};

// Every term assigned to a range of its xorb that covers it (ranges used by no term are
// dropped). InvalidResponseError when a term has no covering range.
std::vector<XetFetchUnit> plan_fetch_units(const XetReconstruction& r, std::string_view url);

}  // namespace hfhub::client
