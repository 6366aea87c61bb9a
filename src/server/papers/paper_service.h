#pragma once
// Papers (docs/papers.md): the metadata `hfhubd admin papers import` loaded, read by arXiv id,
// searched, and listed as daily papers; and the repos that link a paper through an `arxiv:<id>`
// tag. Papers are public: no caller is needed to read one, but linked repos follow the caller's
// access like any listing (services/access_policy.h).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/catalog/catalog_service.h"
#include "server/model/account.h"
#include "server/services/identity.h"
#include "server/stores/account_store.h"
#include "server/stores/paper_store.h"

namespace hfhub::server {

constexpr size_t kPaperSearchDefaultLimit = 50;
constexpr size_t kPaperListMaxLimit = 100;  // search and daily pages
constexpr size_t kLinkedReposMax = 1000;    // linked models, datasets and spaces, each

// A paper and, when it is on the daily list, the submitter's account (if it exists here).
struct PaperView {
  PaperRecord paper;
  std::optional<Account> submitter;
};

// The repos whose tags hold `arxiv:<id>`, as listing JSON arrays (the catalog's item format).
struct LinkedRepos {
  std::string models = "[]";
  std::string datasets = "[]";
  std::string spaces = "[]";
};

// The daily list's parameters, as the client sent them (docs/papers.md#daily-papers).
struct DailyPaperParams {
  std::optional<std::string_view> date;   // YYYY-MM-DD
  std::optional<std::string_view> week;   // YYYY-Www (ISO week)
  std::optional<std::string_view> month;  // YYYY-MM
  std::optional<std::string_view> submitter;
  std::optional<std::string_view> sort;  // publishedAt (default) or trending
  std::optional<uint64_t> page;          // p, from 0
  std::optional<uint64_t> limit;
};

class PaperService {
 public:
  PaperService(PaperStore& papers, AccountStore& accounts, CatalogService& catalog)
      : papers_(papers), accounts_(accounts), catalog_(catalog) {}

  // 400 InvalidParameter for a malformed arXiv id, 404 NotFound for one not imported.
  PaperView paper(std::string_view id);
  // Best matches of `query` in titles, summaries and authors; no query: the newest papers.
  std::vector<PaperView> search(std::optional<std::string_view> query, std::optional<uint64_t> limit);
  std::vector<PaperView> daily(const DailyPaperParams& params);
  // 400 for a malformed id; an id nothing links gives empty lists (the paper need not be imported).
  LinkedRepos linked_repos(std::string_view id, const Caller& caller);

  // The words of a free-text query: its runs of ASCII letters and digits and non-ASCII bytes;
  // everything else (quotes, `*`, `-` ...) separates words.
  static std::vector<std::string> search_words(std::string_view text);

 private:
  PaperView view(PaperRecord paper);

  PaperStore& papers_;
  AccountStore& accounts_;
  CatalogService& catalog_;
};

}  // namespace hfhub::server
