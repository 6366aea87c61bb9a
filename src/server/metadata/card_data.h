#pragma once
// The model/dataset/space card's metadata (README.md front matter) as a JSON object, and the
// lenient field readers the Hub applies to it: most list fields may also be written as one string
// (`language: en` ≡ `language: [en]`).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace hfhub::server {

// The front matter of `readme` when it parses to a mapping; nullopt when there is none, it is
// not valid YAML, or it is not a mapping. Derivation is best-effort: validate-yaml reports why.
std::optional<boost::json::object> parse_card_data(std::string_view readme);

// `key` as a string; nullopt when absent, empty, or not a string.
std::optional<std::string> card_string(const boost::json::object& card, std::string_view key);

// `key` as a list of strings: one string, or the non-empty string items of a list (other items
// are skipped). Empty when absent.
std::vector<std::string> card_string_list(const boost::json::object& card, std::string_view key);

}  // namespace hfhub::server
