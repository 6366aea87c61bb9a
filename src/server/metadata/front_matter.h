#pragma once
// A README.md's YAML front matter: the block between a first line `---` and the next line `---`.
// That block is the repo's metadata (`cardData`); the rest is the card's Markdown body.
#include <optional>
#include <string_view>

namespace hfhub::server {

struct ReadmeParts {
  std::optional<std::string_view> front_matter;  // the YAML text, without the `---` lines
  std::string_view body;                         // everything after the closing `---` line
};

// Views into `readme`. Tolerates a UTF-8 BOM, blank lines before the opening `---` (as
// huggingface_hub's card parser does), CRLF line ends and trailing blanks on the `---` lines.
// With no opening `---` or no closing one, there is no front matter and the body is the whole text.
ReadmeParts split_readme(std::string_view readme);

inline std::optional<std::string_view> front_matter(std::string_view readme) {
  return split_readme(readme).front_matter;
}

}  // namespace hfhub::server
