// The card metadata of the demo content (demo_files.h): the row's cardData, or the same fields
// recovered from its tags, written as YAML front matter.
#include <algorithm>
#include <cctype>
#include <string>

#include <boost/json.hpp>

#include "server/admin/demo_files.h"
#include "server/catalog/taxonomy.h"

namespace hfhub::server::demo {

namespace json = boost::json;

namespace {

bool is_language(std::string_view tag) {
  for (const auto& l : common_languages())
    if (l.id == tag) return true;
  return false;
}

// Where a row has no cardData, the card fields its tags record (the tags a card would give it).
json::object model_card_from_tags(const RepoRecord& repo) {
  json::object card;
  if (auto licenses = tag_values(repo, "license:"); !licenses.empty()) card["license"] = licenses.front();
  json::array languages;
  for (const std::string& t : repo.tags)
    if (is_language(t)) languages.emplace_back(t);
  if (!languages.empty()) card["language"] = std::move(languages);
  if (repo.library_name) card["library_name"] = *repo.library_name;
  if (repo.pipeline_tag) card["pipeline_tag"] = *repo.pipeline_tag;
  json::array datasets;
  for (const std::string& d : tag_values(repo, "dataset:")) datasets.emplace_back(d);
  if (!datasets.empty()) card["datasets"] = std::move(datasets);
  for (const std::string& b : tag_values(repo, "base_model:"))
    if (b.find(':') == std::string::npos) card["base_model"] = b;  // not "finetune:<id>"
  json::array tags;
  for (const std::string& t : repo.tags)
    if (t == "lora" || t == "trl" || t == "merge" || t == "mergekit") tags.emplace_back(t);
  if (!tags.empty()) card["tags"] = std::move(tags);
  return card;
}

json::object dataset_card_from_tags(const RepoRecord& repo) {
  json::object card;
  if (auto licenses = tag_values(repo, "license:"); !licenses.empty()) card["license"] = licenses.front();
  for (const char* key : {"task_categories", "language", "size_categories"}) {
    json::array values;
    for (const std::string& v : tag_values(repo, std::string(key) + ":")) values.emplace_back(v);
    if (!values.empty()) card[key] = std::move(values);
  }
  card["pretty_name"] = display_title(repo);
  return card;
}

json::object space_card_from_row(const RepoRecord& repo) {
  json::object card{{"title", display_title(repo)}, {"emoji", "🚀"}, {"colorFrom", "blue"}, {"colorTo", "purple"}};
  card["sdk"] = repo.sdk.value_or("gradio");
  if (card["sdk"] != "static" && card["sdk"] != "docker") card["app_file"] = "app.py";
  return card;
}

// YAML 1.1 reads these as booleans or nulls, digits as numbers, and many punctuation marks as syntax.
bool needs_quotes(std::string_view s) {
  if (s.empty() || s.size() > 200) return true;
  std::string lower(s);
  for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  for (const char* word : {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"})
    if (lower == word) return true;
  if (std::isdigit(static_cast<unsigned char>(s.front())) || s.front() == '-' || s.front() == '.') return true;
  return !std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '/' || c == ' ' ||
           c == '+';
  });
}

void yaml_scalar(std::string& out, const json::value& v) {
  if (v.is_string()) {
    std::string_view s = v.get_string();
    // A JSON string is a valid YAML double-quoted scalar.
    out += needs_quotes(s) || s.ends_with(' ') ? json::serialize(v) : std::string(s);
  } else {
    out += json::serialize(v);
  }
}

void yaml_value(std::string& out, const json::value& v, int indent);

void yaml_object(std::string& out, const json::object& o, int indent, bool first_inline) {
  bool first = true;
  for (const auto& kv : o) {
    if (!(first && first_inline)) out.append(size_t(indent), ' ');
    first = false;
    out.append(kv.key());
    out += ':';
    yaml_value(out, kv.value(), indent);
  }
}

// After "key:": a scalar on the same line, a list or a mapping on the lines below.
void yaml_value(std::string& out, const json::value& v, int indent) {
  if (v.is_array()) {
    if (v.get_array().empty()) return void(out += " []\n");
    out += '\n';
    for (const json::value& item : v.get_array()) {
      out.append(size_t(indent), ' ');
      out += "- ";
      if (item.is_object()) {
        yaml_object(out, item.get_object(), indent + 2, true);
      } else {
        yaml_scalar(out, item);
        out += '\n';
      }
    }
  } else if (v.is_object()) {
    out += '\n';
    yaml_object(out, v.get_object(), indent + 2, false);
  } else {
    out += ' ';
    yaml_scalar(out, v);
    out += '\n';
  }
}

}  // namespace

std::vector<std::string> tag_values(const RepoRecord& repo, std::string_view prefix) {
  std::vector<std::string> out;
  for (const std::string& t : repo.tags)
    if (t.starts_with(prefix)) out.push_back(t.substr(prefix.size()));
  return out;
}

std::string display_title(const RepoRecord& repo) {
  std::string name = repo.id.substr(repo.id.find('/') + 1);
  for (char& c : name)
    if (c == '-' || c == '_') c = ' ';
  return name;
}

json::object demo_card_data(const RepoRecord& repo) {
  if (!repo.card_data_json.empty()) {
    boost::system::error_code ec;
    json::value parsed = json::parse(repo.card_data_json, ec);
    if (!ec && parsed.is_object()) return parsed.get_object();
  }
  switch (repo.type) {
    case RepoType::Model:
      return model_card_from_tags(repo);
    case RepoType::Dataset:
      return dataset_card_from_tags(repo);
    case RepoType::Space:
      return space_card_from_row(repo);
  }
  return {};
}

std::string yaml_front_matter(const json::object& card) {
  std::string out = "---\n";
  yaml_object(out, card, 0, false);
  out += "---\n";
  return out;
}

}  // namespace hfhub::server::demo
