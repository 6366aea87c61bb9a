// A pushed README.md: its YAML front matter becomes `cardData`, the repo's tags and pipeline,
// and the answer of POST /api/validate-yaml. Untrusted YAML (aliases, deep nesting, odd scalars)
// must be parsed within the limits or refused, never crash.
#include <boost/json.hpp>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "server/metadata/card_data.h"
#include "server/metadata/front_matter.h"
#include "server/metadata/repo_metadata.h"
#include "server/metadata/yaml_json.h"
#include "server/metadata/yaml_validation.h"

using namespace hfhub;
using namespace hfhub::server;
using hfhub::fuzz::check;

namespace {

bool inside(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

// Derivation reads README.md (the fuzzed text) from a repo that holds only it.
void derive(RepoType type, std::string_view readme) {
  RepoFiles repo;
  repo.files.push_back({"README.md", int64_t(readme.size()), std::nullopt, std::nullopt, std::nullopt});
  repo.read_prefix = [readme](std::string_view path, size_t max_bytes) -> std::optional<std::string> {
    if (path != "README.md") return std::nullopt;
    return std::string(readme.substr(0, max_bytes));
  };
  auto derived = derive_repo_metadata(type, repo);
  if (!derived.card_data_json.empty()) {
    boost::system::error_code ec;
    auto card = boost::json::parse(derived.card_data_json, ec);
    check(!ec && card.is_object(), "cardData is not a JSON object");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view readme(reinterpret_cast<const char*>(data), size);
  auto parts = split_readme(readme);
  check(inside(parts.body, readme), "the body is not a view of the README");
  if (parts.front_matter) {
    check(inside(*parts.front_matter, readme), "the front matter is not a view of the README");
    check(parts.front_matter->data() + parts.front_matter->size() <= parts.body.data(),
          "the body starts inside the front matter");
    // Small limits, so the fuzzer reaches them quickly.
    auto limited = parse_yaml_to_json(*parts.front_matter, {.max_nodes = 1000, .max_depth = 16});
    check(limited.ok || !limited.error.empty(), "a refused YAML document without a message");
  }
  (void)parse_card_data(readme);
  for (RepoType type : {RepoType::Model, RepoType::Dataset, RepoType::Space}) {
    auto report = validate_readme_yaml(readme, type);
    check(report.contains("errors") && report.contains("warnings"), "validate-yaml lacks errors or warnings");
  }
  derive(RepoType::Model, readme);
  return 0;
}
