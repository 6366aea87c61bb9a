#pragma once
// YAML → JSON, for README front matter (the Hub's `cardData`). Built on libyaml's event parser so
// the document never exists twice in memory and limits apply while it is read, not after.
#include <cstddef>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace hfhub::server {

// Anything a push may send is untrusted: aliases can expand exponentially ("billion laughs") and
// deep nesting costs stack in every later consumer, so both are capped.
struct YamlLimits {
  size_t max_nodes = 1'000'000;  // scalars + collections, counting each alias expansion in full
  size_t max_depth = 256;        // nested sequences/mappings
};

struct YamlParseResult {
  bool ok = false;
  boost::json::value value;  // null for an empty document
  std::string error;         // "line L, column C: problem" when !ok
  std::string problem;       // the same without the position
  int line = 0;              // 1-based position of the error; 0 when unknown
  int column = 0;
};

// One YAML document → JSON. Plain scalars resolve as js-yaml's default schema does (see
// yaml_scalar.h); quoted and block scalars are strings. Aliases are copies of their anchored value;
// `<<` merge keys are honoured. Errors: syntax, duplicate keys, collection keys, unknown tags,
// more than one document, and the limits above.
YamlParseResult parse_yaml_to_json(std::string_view yaml, const YamlLimits& limits = {});

}  // namespace hfhub::server
