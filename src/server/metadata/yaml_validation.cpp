#include "server/metadata/yaml_validation.h"

#include <algorithm>
#include <array>
#include <string>

#include "server/metadata/front_matter.h"
#include "server/metadata/yaml_json.h"

namespace hfhub::server {
namespace {

namespace json = boost::json;

enum class Expect { String, StringOrStrings, List, Bool, BoolOrMapping };

struct FieldRule {
  std::string_view key;
  Expect expect;
};

// Fields every card may carry, then those that only mean something for one repo type.
constexpr std::array kCommonRules{
    FieldRule{"tags", Expect::StringOrStrings}, FieldRule{"language", Expect::StringOrStrings},
    FieldRule{"license", Expect::String},       FieldRule{"license_name", Expect::String},
    FieldRule{"license_link", Expect::String},  FieldRule{"datasets", Expect::StringOrStrings},
    FieldRule{"pretty_name", Expect::String},   FieldRule{"thumbnail", Expect::String},
};
constexpr std::array kModelRules{
    FieldRule{"base_model", Expect::StringOrStrings}, FieldRule{"pipeline_tag", Expect::String},
    FieldRule{"library_name", Expect::String},        FieldRule{"metrics", Expect::StringOrStrings},
    FieldRule{"model-index", Expect::List},           FieldRule{"widget", Expect::List},
    FieldRule{"inference", Expect::BoolOrMapping},    FieldRule{"new_version", Expect::String},
};
constexpr std::array kDatasetRules{
    FieldRule{"task_categories", Expect::StringOrStrings},   FieldRule{"task_ids", Expect::StringOrStrings},
    FieldRule{"size_categories", Expect::StringOrStrings},   FieldRule{"annotations_creators", Expect::StringOrStrings},
    FieldRule{"language_creators", Expect::StringOrStrings}, FieldRule{"multilinguality", Expect::StringOrStrings},
    FieldRule{"source_datasets", Expect::StringOrStrings},   FieldRule{"configs", Expect::List},
};
constexpr std::array kSpaceRules{
    FieldRule{"sdk", Expect::String},
    FieldRule{"app_file", Expect::String},
    FieldRule{"title", Expect::String},
    FieldRule{"emoji", Expect::String},
    FieldRule{"pinned", Expect::Bool},
    FieldRule{"models", Expect::StringOrStrings},
    FieldRule{"short_description", Expect::String},
};
constexpr std::array<std::string_view, 4> kSpaceSdks{"gradio", "streamlit", "docker", "static"};

std::string_view kind_of(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "a boolean";
    case json::kind::string:
      return "a string";
    case json::kind::array:
      return "a list";
    case json::kind::object:
      return "a mapping";
    default:
      return "a number";
  }
}

bool is_string_list(const json::value& v) {
  if (!v.is_array()) return false;
  for (const json::value& item : v.get_array())
    if (!item.is_string()) return false;
  return true;
}

// nullopt when `v` fits, else what the field should have been.
std::optional<std::string_view> mismatch(const json::value& v, Expect expect) {
  switch (expect) {
    case Expect::String:
      return v.is_string() ? std::nullopt : std::optional<std::string_view>("a string");
    case Expect::StringOrStrings:
      return v.is_string() || is_string_list(v) ? std::nullopt
                                                : std::optional<std::string_view>("a string or a list of strings");
    case Expect::List:
      return v.is_array() ? std::nullopt : std::optional<std::string_view>("a list");
    case Expect::Bool:
      return v.is_bool() ? std::nullopt : std::optional<std::string_view>("a boolean");
    case Expect::BoolOrMapping:
      return v.is_bool() || v.is_object() ? std::nullopt : std::optional<std::string_view>("a boolean or a mapping");
  }
  return std::nullopt;
}

class Report {
 public:
  void error(std::string message) { errors_.push_back(json::object{{"message", std::move(message)}}); }
  void warning(std::string message) { warnings_.push_back(json::object{{"message", std::move(message)}}); }
  json::object take() { return json::object{{"errors", std::move(errors_)}, {"warnings", std::move(warnings_)}}; }

 private:
  json::array errors_;
  json::array warnings_;
};

template <size_t N>
void check_fields(const json::object& card, const std::array<FieldRule, N>& rules, Report& report) {
  for (const FieldRule& rule : rules) {
    const json::value* v = card.if_contains(rule.key);
    if (!v) continue;
    if (auto expected = mismatch(*v, rule.expect))
      report.error("\"" + std::string(rule.key) + "\" must be " + std::string(*expected) + ", not " +
                   std::string(kind_of(*v)));
  }
}

// model-index feeds the evaluation results widget and leaderboards: each entry names a model
// and lists its results.
void check_model_index(const json::object& card, Report& report) {
  const json::value* index = card.if_contains("model-index");
  if (!index || !index->is_array()) return;
  for (size_t i = 0; i < index->get_array().size(); ++i) {
    const json::value& entry = index->get_array()[i];
    std::string where = "\"model-index[" + std::to_string(i) + "]\"";
    if (!entry.is_object()) {
      report.error(where + " must be a mapping with \"name\" and \"results\"");
      continue;
    }
    const json::value* name = entry.get_object().if_contains("name");
    if (!name || !name->is_string()) report.error(where + ".name must be a string");
    const json::value* results = entry.get_object().if_contains("results");
    if (!results || !results->is_array()) report.error(where + ".results must be a list");
  }
}

void check_space(const json::object& card, Report& report) {
  const json::value* sdk = card.if_contains("sdk");
  if (!sdk) {
    report.warning("\"sdk\" is missing: a Space needs one of gradio, streamlit, docker or static to run");
    return;
  }
  if (!sdk->is_string()) return;  // already reported by the type check
  for (std::string_view known : kSpaceSdks)
    if (sdk->get_string() == known) return;
  report.error("\"sdk\" must be one of gradio, streamlit, docker, static, not \"" + std::string(sdk->get_string()) +
               "\"");
}

std::string_view metadata_docs(RepoType type) {
  switch (type) {
    case RepoType::Dataset:
      return "https://huggingface.co/docs/hub/datasets-cards";
    case RepoType::Space:
      return "https://huggingface.co/docs/hub/spaces-config-reference";
    default:
      return "https://huggingface.co/docs/hub/model-cards#model-card-metadata";
  }
}

}  // namespace

json::object validate_readme_yaml(std::string_view readme, RepoType type) {
  Report report;
  const std::string empty_warning =
      "Empty or missing yaml metadata in repo card (" + std::string(metadata_docs(type)) + ")";
  auto yaml = front_matter(readme);
  if (!yaml) {
    report.warning(empty_warning);
    return report.take();
  }
  YamlParseResult parsed = parse_yaml_to_json(*yaml);
  if (!parsed.ok) {
    // The parser counts lines from the start of the YAML block; the author counts from the README's.
    std::string_view before = readme.substr(0, size_t(yaml->data() - readme.data()));
    int line = parsed.line + int(std::count(before.begin(), before.end(), '\n'));
    report.error("Invalid YAML in the README front matter at line " + std::to_string(line) + ", column " +
                 std::to_string(parsed.column) + ": " + parsed.problem);
    return report.take();
  }
  if (parsed.value.is_null() || (parsed.value.is_object() && parsed.value.get_object().empty())) {
    report.warning(empty_warning);
    return report.take();
  }
  if (!parsed.value.is_object()) {
    report.error("The README front matter must be a mapping of keys to values, not " +
                 std::string(kind_of(parsed.value)));
    return report.take();
  }
  const json::object& card = parsed.value.get_object();
  check_fields(card, kCommonRules, report);
  switch (type) {
    case RepoType::Model:
      check_fields(card, kModelRules, report);
      check_model_index(card, report);
      break;
    case RepoType::Dataset:
      check_fields(card, kDatasetRules, report);
      break;
    case RepoType::Space:
      check_fields(card, kSpaceRules, report);
      check_space(card, report);
      break;
  }
  return report.take();
}

}  // namespace hfhub::server
