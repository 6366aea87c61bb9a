#include "server/discussions/discussion_events.h"

#include <algorithm>
#include <cctype>

#include <boost/json.hpp>

#include "server/metadata/markdown_html.h"
#include "common/iso_time.h"
#include "common/object_id.h"

namespace hfhub::server {

namespace {

namespace json = boost::json;

// Comments are markdown, rendered safely for `html` (docs/discussions.md#events: clients read `raw`).
std::string html_of(std::string_view text) { return markdown_to_html(text); }

json::object version(const std::string& author, const std::string& text, int64_t now_ms) {
  return {{"raw", text},
          {"html", html_of(text)},
          {"updatedAt", format_iso8601_ms(now_ms)},
          {"author", json::object{{"name", author}, {"type", "user"}}}};
}

DiscussionEventRecord event(std::string type, const std::string& author, int64_t now_ms, json::object data) {
  DiscussionEventRecord e;
  e.object_id = make_object_id(now_ms);
  e.type = std::move(type);
  e.author = author;
  e.created_at_ms = now_ms;
  e.data_json = json::serialize(data);
  return e;
}

json::object data_of(const DiscussionEventRecord& e) {
  boost::system::error_code ec;
  auto v = json::parse(e.data_json, ec);
  return !ec && v.is_object() ? std::move(v.as_object()) : json::object{};
}

}  // namespace

DiscussionEventRecord comment_event(const std::string& author, const std::string& text, int64_t now_ms) {
  auto latest = version(author, text, now_ms);
  json::object data{{"edited", false},
                    {"hidden", false},
                    {"latest", latest},
                    {"numEdits", 0},
                    {"editors", json::array{json::value(author)}},
                    {"reactions", json::array{}},
                    {"isReport", false},
                    {"history", json::array{latest}}};
  return event("comment", author, now_ms, std::move(data));
}

DiscussionEventRecord status_event(const std::string& author, std::string_view status, int64_t now_ms) {
  return event("status-change", author, now_ms, json::object{{"status", status}});
}

DiscussionEventRecord title_event(const std::string& author, const std::string& from, const std::string& to,
                                  int64_t now_ms) {
  return event("title-change", author, now_ms, json::object{{"from", from}, {"to", to}});
}

DiscussionEventRecord commit_event(const std::string& author, const std::string& subject, const std::string& oid,
                                   int64_t now_ms) {
  return event("commit", author, now_ms, json::object{{"subject", subject}, {"oid", oid}});
}

void edit_comment_data(DiscussionEventRecord& comment, const std::string& editor, const std::string& text,
                       int64_t now_ms) {
  auto data = data_of(comment);
  auto latest = version(editor, text, now_ms);
  json::array history;
  history.push_back(latest);  // newest first, the current version included
  if (auto* old = data.if_contains("history"); old && old->is_array())
    for (auto& v : old->as_array()) history.push_back(v);
  data["history"] = std::move(history);
  data["latest"] = std::move(latest);
  data["edited"] = true;
  data["numEdits"] = int64_t(data["history"].as_array().size() - 1);
  json::array editors;
  if (auto* old = data.if_contains("editors"); old && old->is_array()) editors = old->as_array();
  if (std::find(editors.begin(), editors.end(), json::value(editor)) == editors.end())
    editors.push_back(json::value(editor));
  data["editors"] = std::move(editors);
  comment.data_json = json::serialize(data);
}

void hide_comment_data(DiscussionEventRecord& comment, const std::string& by, int64_t now_ms) {
  auto data = data_of(comment);
  std::string author = comment.author;
  auto latest = version(author, "", now_ms);
  data["latest"] = latest;
  data["history"] = json::array{};
  data["hidden"] = true;
  data["hiddenBy"] = by;
  comment.data_json = json::serialize(data);
}

bool same_user(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower((unsigned char)x) == std::tolower((unsigned char)y);
         });
}

bool comment_hidden(const DiscussionEventRecord& comment) {
  auto data = data_of(comment);
  auto* h = data.if_contains("hidden");
  return h && h->is_bool() && h->as_bool();
}

std::string comment_text(const DiscussionEventRecord& comment) {
  auto data = data_of(comment);
  auto* latest = data.if_contains("latest");
  auto* raw = latest && latest->is_object() ? latest->as_object().if_contains("raw") : nullptr;
  return raw && raw->is_string() ? std::string(raw->as_string()) : std::string();
}

}  // namespace hfhub::server
