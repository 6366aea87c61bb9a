#include "server/metadata/repo_tags.h"

#include <array>
#include <string_view>
#include <unordered_set>

#include "server/metadata/card_data.h"

namespace hfhub::server {
namespace {

// Every repo is hosted in one region on the Hub; clients filter on it.
constexpr std::string_view kRegionTag = "region:us";

// Tags in first-seen order without duplicates (a card often repeats "pytorch" or its license).
class TagList {
 public:
  void add(std::string tag) {
    if (tag.empty() || !seen_.insert(tag).second) return;
    tags_.push_back(std::move(tag));
  }
  void add_all(const std::vector<std::string>& tags, std::string_view prefix = "") {
    for (const std::string& t : tags) add(std::string(prefix) + t);
  }
  std::vector<std::string> take() { return std::move(tags_); }

 private:
  std::vector<std::string> tags_;
  std::unordered_set<std::string> seen_;
};

}  // namespace

std::vector<std::string> model_tags(const boost::json::object& card, const ModelFileFacts& facts) {
  TagList tags;
  if (facts.library_name) tags.add(*facts.library_name);
  tags.add_all(facts.format_tags);
  if (facts.model_type) tags.add(*facts.model_type);
  if (auto pipeline = card_string(card, "pipeline_tag")) tags.add(*pipeline);
  tags.add_all(card_string_list(card, "tags"));
  if (facts.has_chat_template) tags.add("conversational");
  tags.add_all(card_string_list(card, "language"));
  tags.add_all(card_string_list(card, "datasets"), "dataset:");
  tags.add_all(card_string_list(card, "base_model"), "base_model:");
  tags.add_all(card_string_list(card, "license"), "license:");
  tags.add(std::string(kRegionTag));
  return tags.take();
}

std::vector<std::string> dataset_tags(const boost::json::object& card) {
  // Card fields that become `<field>:<value>` tags, in the Hub's order.
  static constexpr std::array<std::string_view, 9> kPrefixed{
      "task_categories", "task_ids", "annotations_creators", "language_creators", "multilinguality", "source_datasets",
      "language",        "license",  "size_categories"};
  TagList tags;
  for (std::string_view field : kPrefixed) tags.add_all(card_string_list(card, field), std::string(field) + ":");
  tags.add(std::string(kRegionTag));
  tags.add_all(card_string_list(card, "tags"));
  return tags.take();
}

std::vector<std::string> space_tags(const boost::json::object& card) {
  TagList tags;
  if (auto sdk = card_string(card, "sdk")) tags.add(*sdk);
  tags.add_all(card_string_list(card, "tags"));
  tags.add(std::string(kRegionTag));
  return tags.take();
}

}  // namespace hfhub::server
