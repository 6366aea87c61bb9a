#include "server/admin/paper_import.h"

#include <boost/json.hpp>
#include <cctype>

#include "common/arxiv_id.h"
#include "common/iso_time.h"

namespace hfhub::server {

namespace json = boost::json;

namespace {

constexpr size_t kTitleMax = 1000;
constexpr size_t kSummaryMax = 20000;
constexpr size_t kAuthorMax = 300;
constexpr size_t kAuthorsMax = 5000;

// Thrown inside parsing only; becomes the line's reason.
struct BadField {
  std::string reason;
};

const json::value* field(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && !v->is_null() ? v : nullptr;
}

// A required string value (`v` null: absent), non-empty and bounded; one line unless
// `multiline`. `key` names it in the reason.
std::string text_of(const json::value* v, std::string_view key, size_t max, bool multiline = false) {
  if (!v || v->is_null()) throw BadField{"missing " + std::string(key)};
  if (!v->is_string()) throw BadField{std::string(key) + " must be a string"};
  std::string_view s = v->get_string();
  if (s.empty()) throw BadField{std::string(key) + " is empty"};
  if (s.size() > max) throw BadField{std::string(key) + " is longer than " + std::to_string(max) + " bytes"};
  if (!multiline && s.find_first_of("\r\n") != std::string_view::npos)
    throw BadField{std::string(key) + " contains a line break"};
  return std::string(s);
}

std::string text_field(const json::object& o, std::string_view key, size_t max, bool multiline = false) {
  return text_of(field(o, key), key, max, multiline);
}

int64_t date_field(const json::object& o, std::string_view key) {
  auto text = text_field(o, key, 40);
  // A bare date is midnight UTC, as arXiv lists publication days.
  auto ms = parse_iso8601(text.size() == 10 ? text + "T00:00:00Z" : text);
  if (!ms) throw BadField{std::string(key) + " is not an ISO-8601 date: " + text};
  return *ms;
}

std::vector<std::string> authors_field(const json::object& o) {
  auto* v = field(o, "authors");
  if (!v) throw BadField{"missing authors"};
  if (!v->is_array()) throw BadField{"authors must be a list of names"};
  if (v->get_array().size() > kAuthorsMax) throw BadField{"more than " + std::to_string(kAuthorsMax) + " authors"};
  std::vector<std::string> out;
  for (auto& a : v->get_array()) {
    // A name, or an author object as the Hub answers it ({"name": ...}).
    const json::value* name = a.is_object() ? a.get_object().if_contains("name") : &a;
    try {
      out.push_back(text_of(name, "name", kAuthorMax));
    } catch (const BadField& e) {
      throw BadField{"authors: " + e.reason};
    }
  }
  return out;
}

// The submitter: a user name, or a user object as the Hub answers it ({"user": ...}).
std::string submitter_field(const json::object& o) {
  auto* v = field(o, "submittedBy");
  if (!v) return {};
  auto name = text_of(v->is_object() ? v->get_object().if_contains("user") : v, "user", 96);
  for (char ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_' && ch != '.')
      throw BadField{"submittedBy is not a user name: " + name};
  return name;
}

PaperRecord paper_from(const json::object& o) {
  PaperRecord p;
  auto id = text_field(o, "id", 40);
  auto canonical = canonical_arxiv_id(id);
  if (!canonical) throw BadField{"id is not an arXiv id (such as 2311.12983 or hep-th/9901001): " + id};
  p.id = *canonical;
  p.title = text_field(o, "title", kTitleMax);
  p.authors = authors_field(o);
  p.summary = text_field(o, "summary", kSummaryMax, true);
  p.published_at_ms = date_field(o, "publishedAt");
  if (auto* v = field(o, "upvotes")) {
    if (!v->is_int64() || v->get_int64() < 0) throw BadField{"upvotes must be a whole number, 0 or more"};
    p.upvotes = v->get_int64();
  }
  if (field(o, "submittedOnDailyAt")) p.submitted_at_ms = date_field(o, "submittedOnDailyAt");
  p.submitted_by = submitter_field(o);
  if (!p.submitted_by.empty() && !p.submitted_at_ms) throw BadField{"submittedBy without submittedOnDailyAt"};
  return p;
}

}  // namespace

std::optional<PaperRecord> parse_paper_line(std::string_view line, std::string& error) {
  boost::system::error_code ec;
  auto v = json::parse(line, ec);
  if (ec) {
    error = "not JSON: " + ec.message();
    return std::nullopt;
  }
  if (!v.is_object()) {
    error = "not a JSON object";
    return std::nullopt;
  }
  try {
    return paper_from(v.get_object());
  } catch (const BadField& e) {
    error = e.reason;
    return std::nullopt;
  }
}

PaperImportReport import_papers_jsonl(PaperStore& papers, std::istream& in, size_t max_messages) {
  PaperImportReport report;
  std::vector<PaperRecord> good;
  std::string line, error;
  for (int64_t line_no = 1; std::getline(in, line); ++line_no) {
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 byte order mark
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    ++report.lines;
    if (auto p = parse_paper_line(line, error)) {
      good.push_back(std::move(*p));
    } else {
      ++report.rejected;
      if (report.errors.size() < max_messages) report.errors.push_back({line_no, error});
    }
  }
  if (report.rejected > 0) return report;  // all or nothing: the file is fixed and imported again
  papers.upsert_papers(good);
  report.imported = int64_t(good.size());
  return report;
}

}  // namespace hfhub::server
