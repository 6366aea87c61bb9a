#pragma once
// arXiv identifiers, the ids of papers (docs/papers.md#ids): the new style "2311.12983" or
// "1501.0001" (YYMM.NNNNN or YYMM.NNNN), optionally versioned ("2311.12983v2"), and the old style
// "hep-th/9901001" (archive[.SUBJECT]/YYMMNNN). Collections and the papers table share the rule.
#include <optional>
#include <string>
#include <string_view>

namespace hfhub {

bool is_arxiv_id(std::string_view id);
// The id a paper is stored under: a well-formed id without its version ("2311.12983v2" →
// "2311.12983"); nullopt when malformed.
std::optional<std::string> canonical_arxiv_id(std::string_view id);

}  // namespace hfhub
