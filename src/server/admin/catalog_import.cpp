#include "server/admin/catalog_import.h"
#include "common/ascii.h"

#include <chrono>
#include <cmath>
#include <set>
#include <string>

#include <boost/json.hpp>

#include "common/hash.h"
#include "common/iso_time.h"
#include "common/object_id.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace json = boost::json;

namespace {

// Thrown inside parsing only; becomes the line's rejection reason.
struct Invalid {
  std::string reason;
};

[[noreturn]] void invalid(std::string reason) { throw Invalid{std::move(reason)}; }

// Keys that map onto RepoRecord fields; everything else is passed through in extra_json.
const std::set<std::string_view> kMappedKeys = {
    "_id",
    "id",
    "modelId",
    "author",
    "sha",
    "lastModified",
    "createdAt",
    "private",
    "gated",
    "disabled",
    "discussionsDisabled",
    "downloads",
    "downloadsAllTime",
    "likes",
    "trendingScore",
    "usedStorage",
    "tags",
    "pipeline_tag",
    "library_name",
    "sdk",
    "siblings",
    "cardData",
    "config",
};

// A text value that is stored as-is: non-empty, one line, bounded.
std::string plain_text(const json::value& v, std::string_view key, size_t max_len = 300) {
  if (!v.is_string()) invalid(std::string(key) + " must be a string");
  std::string_view s = v.get_string();
  if (s.empty()) invalid(std::string(key) + " is empty");
  if (s.size() > max_len) invalid(std::string(key) + " is longer than " + std::to_string(max_len) + " characters");
  if (s.find_first_of("\n\r") != std::string_view::npos) invalid(std::string(key) + " contains a line break");
  return std::string(s);
}

// The value, or nullptr when the key is absent or null (the Hub writes both for "no value").
const json::value* present(const json::object& item, std::string_view key) {
  const json::value* v = item.if_contains(key);
  return v && !v->is_null() ? v : nullptr;
}

std::optional<std::string> optional_text(const json::object& item, std::string_view key) {
  const json::value* v = present(item, key);
  if (!v) return std::nullopt;
  return plain_text(*v, key);
}

bool optional_bool(const json::object& item, std::string_view key) {
  const json::value* v = present(item, key);
  if (!v) return false;
  if (!v->is_bool()) invalid(std::string(key) + " must be true or false");
  return v->get_bool();
}

double non_negative_number(const json::value& v, std::string_view key) {
  double d;
  if (v.is_int64())
    d = double(v.get_int64());
  else if (v.is_uint64())
    d = double(v.get_uint64());
  else if (v.is_double())
    d = v.get_double();
  else
    invalid(std::string(key) + " must be a number");
  if (!std::isfinite(d) || d < 0) invalid(std::string(key) + " must be a non-negative number");
  return d;
}

int64_t optional_count(const json::object& item, std::string_view key) {
  const json::value* v = present(item, key);
  if (!v) return 0;
  double d = non_negative_number(*v, key);
  if (d != std::floor(d) || d > 9.0e15) invalid(std::string(key) + " must be a whole number");
  return int64_t(d);
}

std::optional<int64_t> optional_time(const json::object& item, std::string_view key) {
  const json::value* v = present(item, key);
  if (!v) return std::nullopt;
  if (!v->is_string()) invalid(std::string(key) + " must be an ISO-8601 string");
  auto ms = parse_iso8601(v->get_string());
  if (!ms) invalid(std::string(key) + " is not an ISO-8601 date: \"" + std::string(v->get_string()) + "\"");
  return *ms;
}

// cardData / config: a JSON object kept as text, or empty.
std::string optional_object_text(const json::object& item, std::string_view key) {
  const json::value* v = present(item, key);
  if (!v) return {};
  if (!v->is_object()) invalid(std::string(key) + " must be an object");
  return json::serialize(*v);
}

Gated parse_gated_value(const json::object& item) {
  const json::value* v = present(item, "gated");
  if (!v) return Gated::No;
  if (v->is_bool() && !v->get_bool()) return Gated::No;
  if (v->is_string())
    if (auto g = parse_gated(v->get_string())) return *g;
  invalid("gated must be false, \"auto\" or \"manual\"");
}

std::vector<std::string> parse_tags(const json::object& item) {
  std::vector<std::string> tags;
  const json::value* v = present(item, "tags");
  if (!v) return tags;
  if (!v->is_array()) invalid("tags must be an array of strings");
  tags.reserve(v->get_array().size());
  for (const json::value& t : v->get_array()) tags.push_back(plain_text(t, "tag"));
  return tags;
}

Sibling parse_sibling(const json::value& v) {
  if (!v.is_object()) invalid("siblings must be objects");
  const json::object& o = v.get_object();
  const json::value* name = present(o, "rfilename");
  if (!name) invalid("a sibling has no rfilename");
  Sibling s;
  s.rfilename = plain_text(*name, "rfilename", 1000);
  if (s.rfilename.front() == '/' || s.rfilename.find("..") != std::string::npos)
    invalid("sibling path \"" + s.rfilename + "\" is not a relative path inside the repo");
  if (present(o, "size")) s.size = optional_count(o, "size");
  if (const json::value* b = present(o, "blobId")) s.blob_id = plain_text(*b, "blobId", 64);
  if (const json::value* lfs = present(o, "lfs")) {
    if (!lfs->is_object()) invalid("sibling lfs must be an object");
    const json::object& l = lfs->get_object();
    const json::value* sha = present(l, "sha256");
    if (!sha) sha = present(l, "oid");  // the tree API's spelling
    if (!sha || !sha->is_string() || sha->get_string().size() != 64 || !is_lower_hex(sha->get_string()))
      invalid("sibling lfs.sha256 must be 64 lowercase hex characters");
    s.lfs_sha256 = std::string(sha->get_string());
    s.lfs_size = optional_count(l, "size");
  }
  return s;
}

std::vector<Sibling> parse_siblings(const json::object& item) {
  std::vector<Sibling> out;
  const json::value* v = present(item, "siblings");
  if (!v) return out;
  if (!v->is_array()) invalid("siblings must be an array");
  out.reserve(v->get_array().size());
  for (const json::value& s : v->get_array()) out.push_back(parse_sibling(s));
  return out;
}

// The creation second stored in an ObjectId's first 4 bytes.
int64_t object_id_time_ms(std::string_view object_id) {
  return int64_t(std::stoul(std::string(object_id.substr(0, 8)), nullptr, 16)) * 1000;
}

RepoRecord parse_item(const json::object& item, RepoType type, int64_t now) {
  RepoRecord r;
  r.type = type;

  const json::value* id = present(item, "id");
  if (!id) id = present(item, "modelId");
  if (!id) invalid("missing id");
  std::string id_text = plain_text(*id, "id");
  auto repo_id = RepoId::parse(id_text);
  if (!repo_id) invalid("invalid repo id \"" + id_text + "\"");
  r.id = repo_id->str();

  auto author = optional_text(item, "author");
  if (author && !repo_id->ns.empty() && *author != repo_id->ns)
    invalid("author \"" + *author + "\" is not the namespace of \"" + r.id + "\"");
  if (author && !is_valid_repo_name_part(*author)) invalid("invalid author \"" + *author + "\"");
  r.author = author ? *author : repo_id->ns;

  std::optional<std::string> object_id = optional_text(item, "_id");
  if (object_id && !is_object_id(*object_id)) invalid("_id \"" + *object_id + "\" is not a 24-hex ObjectId");

  auto created = optional_time(item, "createdAt");
  auto modified = optional_time(item, "lastModified");
  r.created_at_ms = created ? *created : object_id ? object_id_time_ms(*object_id) : modified ? *modified : now;
  // Not clamped to createdAt: the Hub reports a createdAt floor (2022-03-02) for older repos.
  r.last_modified_ms = modified ? *modified : r.created_at_ms;
  r.object_id = object_id ? *object_id : make_object_id(r.created_at_ms);

  if (auto sha = optional_text(item, "sha")) {
    if (sha->size() != 40 || !is_lower_hex(*sha)) invalid("sha must be 40 lowercase hex characters");
    r.sha = *sha;
  } else {
    // Clients such as snapshot_download require a sha; a stable one keeps re-imports identical.
    r.sha = sha1_hex("hfhub-import:" + std::string(repo_type_name(type)) + ":" + r.id);
  }

  r.is_private = optional_bool(item, "private");
  r.disabled = optional_bool(item, "disabled");
  r.discussions_disabled = optional_bool(item, "discussionsDisabled");
  r.gated = parse_gated_value(item);
  r.downloads = optional_count(item, "downloads");
  r.downloads_all_time = std::max(r.downloads, optional_count(item, "downloadsAllTime"));
  r.likes = optional_count(item, "likes");
  r.used_storage = optional_count(item, "usedStorage");
  if (const json::value* t = present(item, "trendingScore"))
    r.trending_score = non_negative_number(*t, "trendingScore");

  r.tags = parse_tags(item);
  r.pipeline_tag = optional_text(item, "pipeline_tag");
  r.library_name = optional_text(item, "library_name");
  r.sdk = optional_text(item, "sdk");
  r.siblings = parse_siblings(item);
  r.card_data_json = optional_object_text(item, "cardData");
  r.config_json = optional_object_text(item, "config");

  json::object extra;
  for (const auto& [key, value] : item)
    if (!kMappedKeys.count(std::string_view(key))) extra.emplace(key, value);
  if (!extra.empty()) r.extra_json = json::serialize(extra);
  return r;
}

// Creates accounts for namespaces seen for the first time in this import.
class NamespaceAccounts {
 public:
  NamespaceAccounts(AccountStore& store, const ImportOptions& o, int64_t now) : store_(store), options_(o), now_(now) {}

  // Returns how many accounts were created: one store call for the batch's new namespaces.
  int64_t ensure(const std::vector<RepoRecord>& batch) {
    if (!options_.create_missing_accounts) return 0;
    std::vector<Account> missing;
    for (const RepoRecord& r : batch) {
      if (r.author.empty() || !seen_.insert(ascii_lower(r.author)).second) continue;
      Account a;
      a.kind = options_.missing_account_kind;
      a.name = r.author;
      a.created_at_ms = now_;
      a.object_id = make_object_id(now_);
      missing.push_back(std::move(a));
    }
    return missing.empty() ? 0 : store_.create_missing_accounts(missing);
  }

 private:
  AccountStore& store_;
  const ImportOptions& options_;
  int64_t now_;
  std::set<std::string> seen_;  // lower-cased namespaces already checked
};

}  // namespace

std::optional<RepoRecord> parse_catalog_item(std::string_view line, RepoType type, int64_t now_ms, std::string& error) {
  boost::system::error_code ec;
  json::value v = json::parse(line, ec);
  if (ec) {
    error = "not valid JSON: " + ec.message();
    return std::nullopt;
  }
  if (!v.is_object()) {
    error = "not a JSON object";
    return std::nullopt;
  }
  try {
    return parse_item(v.get_object(), type, now_ms);
  } catch (const Invalid& e) {
    error = e.reason;
    return std::nullopt;
  }
}

ImportReport import_catalog_jsonl(RepoStore& repos, AccountStore& accounts, std::istream& in, RepoType type,
                                  const ImportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const int64_t now = options.now_ms > 0 ? options.now_ms : now_ms();
  const size_t batch_size = std::max<size_t>(1, options.batch_size);
  ImportReport report;
  NamespaceAccounts owners(accounts, options, now);

  auto reject = [&](int64_t line, std::string reason) {
    ++report.rejected;
    if (report.errors.size() < options.max_messages) report.errors.push_back({line, std::move(reason)});
  };

  std::vector<RepoRecord> batch;
  std::vector<int64_t> batch_lines;  // source line of each record, to report a failed batch
  batch.reserve(batch_size);
  auto flush = [&] {
    if (batch.empty()) return;
    try {
      report.accounts_created += owners.ensure(batch);
      repos.upsert_repos(batch);
      report.imported += int64_t(batch.size());
    } catch (const StoreError& e) {
      for (int64_t line : batch_lines) reject(line, std::string("store: ") + e.what());
    }
    batch.clear();
    batch_lines.clear();
    if (options.progress) options.progress(report.lines, report.imported);
  };

  std::string line;
  int64_t line_no = 0;
  std::string error;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 byte order mark
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    ++report.lines;
    auto record = parse_catalog_item(line, type, now, error);
    if (!record) {
      reject(line_no, std::move(error));
      continue;
    }
    batch.push_back(std::move(*record));
    batch_lines.push_back(line_no);
    if (batch.size() >= batch_size) flush();
  }
  flush();
  if (options.bulk) options.bulk->commit();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace hfhub::server
