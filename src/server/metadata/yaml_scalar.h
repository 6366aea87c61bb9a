#pragma once
// What a YAML scalar means as JSON. The Hub reads model cards with js-yaml's default schema, so a
// card must mean the same here: `1.0` is a number, `"1.0"` a string, `yes` stays a string.
#include <optional>
#include <string_view>

#include <boost/json/value.hpp>

namespace hfhub::server {

// A plain (unquoted, untagged) scalar: null (`~`, `null`, empty), bool (`true`/`True`/`TRUE`,
// false likewise), int64 (decimal with `_` separators, `0x`, `0o`, `0b`; too big → double),
// double (`1.5`, `1e3`, `.5`, `.inf`, `.nan`), otherwise the text itself. `.inf`/`.nan` become
// null because JSON cannot carry them (JSON.stringify does the same on the Hub).
boost::json::value resolve_plain_scalar(std::string_view text);

// A scalar with an explicit tag (`!!str 1`, `!!int "7"`). `tag` is the full resolved tag, e.g.
// "tag:yaml.org,2002:int". nullopt when the tag is unknown or the text does not fit it.
std::optional<boost::json::value> resolve_tagged_scalar(std::string_view tag, std::string_view text);

}  // namespace hfhub::server
