#pragma once
// The Range request header (RFC 9110 §14), as download clients send it: one range per request
// (`bytes=a-b`, `bytes=a-`, `bytes=-n`). Python resumes with `bytes=<n>-`, JS probes the size
// with `bytes=0-0` and reads slices; safetensors header parsing reads `bytes=0-100000`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hfhub::server {

struct ByteRange {
  int64_t first = 0;  // inclusive
  int64_t last = 0;   // inclusive
  int64_t length() const { return last - first + 1; }
};

struct RangeRequest {
  enum Kind {
    Whole,          // no header, a unit other than bytes, several ranges or bad syntax: send all (200)
    Partial,        // one satisfiable range: 206
    Unsatisfiable,  // one well-formed range beyond the end: 416
  } kind = Whole;
  ByteRange range;
};

// Interprets `header` for a representation of `total` bytes. Ranges that run past the end are
// clamped to it; anything the server may ignore (RFC 9110 allows ignoring Range) is Whole.
RangeRequest parse_range(std::optional<std::string_view> header, int64_t total);

// "bytes a-b/total" for 206, "bytes */total" for 416.
std::string content_range(const ByteRange& range, int64_t total);
std::string unsatisfied_content_range(int64_t total);

}  // namespace hfhub::server
