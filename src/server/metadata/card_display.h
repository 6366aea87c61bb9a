#pragma once
// A repo card's metadata as the repo page shows it: the license, languages, datasets and base
// models (as links to their pages), the task, the library, the tags, and the model's parameter
// count. Read from what the catalog row already holds (cardData, pipeline_tag, library_name, and
// the `safetensors` field metadata derives from the weights), so nothing is parsed twice.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/metadata/card_url.h"
#include "server/model/repo.h"

namespace hfhub::server {

struct CardLink {
  std::string text;  // the id as the card wrote it
  std::string href;  // its page ("/datasets/ns/name", "/ns/name"); empty when it is no valid repo id
};

struct CardDisplay {
  std::optional<std::string> license;       // "apache-2.0"; for "other", the card's license_name if any
  std::optional<std::string> license_link;  // the card's license_link, through card_url (a file of the repo, or http(s))
  std::vector<std::string> languages;
  std::vector<CardLink> datasets;
  std::vector<CardLink> base_models;
  std::optional<std::string> pipeline_tag;
  std::optional<std::string> library_name;
  std::vector<std::string> tags;           // the card's own `tags`
  std::optional<uint64_t> parameters;      // safetensors total
  std::optional<std::string> parameters_text;  // "7.24B params"
};

// From the catalog row of a repo at some revision (RepoRecord, after move_to_revision with blobs
// for a revision other than the default branch's head). `base` places the card's relative links.
// Never throws on odd metadata: a field of the wrong type is left out.
CardDisplay card_display(const RepoRecord& repo, const CardUrlBase& base);

// A parameter count as the Hub writes it: three significant digits, a unit, no trailing zeros
// ("124M params", "7.24B params", "1.1B params", "950 params").
std::string format_parameter_count(uint64_t count);

// A repo page's path without its leading slash: "gpt2", "ns/name", "datasets/ns/name", "spaces/ns/name"
// (web/listing_state.h's repo_page_path adds it).
std::string repo_url_path(RepoType type, std::string_view id);

}  // namespace hfhub::server
