#include "server/routes/support/byte_range.h"

#include <limits>

#include "common/ascii.h"
#include "common/decimal.h"

namespace hfhub::server {

namespace {

// A position: decimal digits within int64.
std::optional<int64_t> position(std::string_view text) {
  auto n = parse_decimal(text, uint64_t(std::numeric_limits<int64_t>::max()));
  return n ? std::optional<int64_t>(int64_t(*n)) : std::nullopt;
}

}  // namespace

RangeRequest parse_range(std::optional<std::string_view> header, int64_t total) {
  RangeRequest whole;
  if (!header) return whole;
  std::string_view h = trim_whitespace(*header);
  constexpr std::string_view kUnit = "bytes=";
  if (h.size() < kUnit.size() || !ascii_iequals(h.substr(0, kUnit.size()), kUnit)) return whole;
  h = trim_whitespace(h.substr(kUnit.size()));
  // Several ranges would need multipart/byteranges; a full 200 answer is allowed instead.
  if (h.find(',') != std::string_view::npos) return whole;
  auto dash = h.find('-');
  if (dash == std::string_view::npos) return whole;
  auto first_text = trim_whitespace(h.substr(0, dash));
  auto last_text = trim_whitespace(h.substr(dash + 1));

  RangeRequest out;
  out.kind = RangeRequest::Partial;
  if (first_text.empty()) {
    // Suffix range: the last n bytes.
    auto n = position(last_text);
    if (!n) return whole;
    if (*n == 0 || total == 0) {
      out.kind = RangeRequest::Unsatisfiable;
      return out;
    }
    out.range = {std::max<int64_t>(0, total - *n), total - 1};
    return out;
  }
  auto first = position(first_text);
  if (!first) return whole;
  int64_t last = total - 1;
  if (!last_text.empty()) {
    auto l = position(last_text);
    // A last position past int64 (hf_xet sends u64::MAX-1 when it does not know the size) is
    // still a valid range-spec that runs to the end.
    if (!l && last_text.size() > 18 && last_text.find_first_not_of("0123456789") == std::string_view::npos)
      l = std::numeric_limits<int64_t>::max();
    if (!l || *l < *first) return whole;  // invalid range-spec: ignored, not 416
    last = std::min(*l, total - 1);
  }
  if (*first >= total) {
    out.kind = RangeRequest::Unsatisfiable;
    return out;
  }
  out.range = {*first, last};
  return out;
}

std::string content_range(const ByteRange& range, int64_t total) {
  return "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last) + "/" + std::to_string(total);
}

std::string unsatisfied_content_range(int64_t total) { return "bytes */" + std::to_string(total); }

}  // namespace hfhub::server
