// hfhub papers ls|search|info, following `hf papers` (docs/papers.md): `ls` lists daily papers
// (or, with --query, searches all papers), `search` searches, `info` shows one paper with the
// models, datasets and spaces that link it.
#include <boost/json.hpp>

#include <iostream>

#include "cli_context.h"
#include "output.h"

namespace hfhub::cli {

namespace {

namespace json = boost::json;

struct PaperArgs {
  std::string id, query, date, week, month, submitter, sort;
  std::optional<int64_t> limit;
  bool as_json = false;
};

std::string authors_text(const PaperInfo& p) {
  std::string out;
  if (!p.authors) return out;
  for (auto& a : *p.authors) out += (out.empty() ? "" : ", ") + a.name;
  return out;
}

json::object paper_json(const PaperInfo& p) {
  json::array authors;
  if (p.authors)
    for (auto& a : *p.authors) authors.push_back(json::value(a.name));
  auto opt = [](const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); };
  json::object o{{"id", p.id},
                 {"title", opt(p.title)},
                 {"authors", std::move(authors)},
                 {"published_at", opt(p.published_at)},
                 {"summary", opt(p.summary)},
                 {"upvotes", p.upvotes ? json::value(*p.upvotes) : json::value(nullptr)},
                 {"comments", p.comments},
                 {"submitted_at", opt(p.submitted_at)},
                 {"submitted_by", p.submitted_by ? json::value(p.submitted_by->name) : json::value(nullptr)}};
  auto ids = [](const auto& list) {
    json::array out;
    if (list)
      for (auto& r : *list) out.push_back(json::value(r.id));
    return out;
  };
  if (p.linked_models) o["linked_models"] = ids(p.linked_models);
  if (p.linked_datasets) o["linked_datasets"] = ids(p.linked_datasets);
  if (p.linked_spaces) o["linked_spaces"] = ids(p.linked_spaces);
  return o;
}

void print_papers(const std::vector<PaperInfo>& papers, bool as_json) {
  if (as_json || !stdout_is_tty()) {
    json::array out;
    for (auto& p : papers) out.push_back(paper_json(p));
    print_json(std::cout, out);
    return;
  }
  Table t({"ID", "TITLE", "UPVOTES", "PUBLISHED", "SUBMITTED BY"});
  for (auto& p : papers)
    t.add_row({p.id, p.title.value_or("-"), p.upvotes ? std::to_string(*p.upvotes) : "-",
               p.published_at ? p.published_at->substr(0, 10) : "-",
               p.submitted_by ? p.submitted_by->name : "-"});
  t.print(std::cout, use_color());
}

void print_paper(const PaperInfo& p, bool as_json) {
  if (as_json || !stdout_is_tty()) {
    print_json(std::cout, paper_json(p));
    return;
  }
  std::cout << p.id << "  " << p.title.value_or("") << '\n' << authors_text(p) << '\n';
  if (p.published_at) std::cout << "published " << p.published_at->substr(0, 10) << '\n';
  if (p.summary) std::cout << '\n' << *p.summary << '\n';
  auto list = [](const char* what, const auto& repos) {
    if (!repos || repos->empty()) return;
    std::cout << '\n' << what << ":\n";
    for (auto& r : *repos) std::cout << "  " << r.id << '\n';
  };
  list("Models", p.linked_models);
  list("Datasets", p.linked_datasets);
  list("Spaces", p.linked_spaces);
}

void search_papers(const PaperArgs& a, CliContext& ctx) {
  ListPapersParams p;
  p.query = a.query;
  p.limit = a.limit;
  print_papers(ctx.api().list_papers(p), a.as_json);
}

}  // namespace

void register_paper_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* root = app.add_subcommand("papers", "Papers: daily papers, search, info");
  root->require_subcommand(1);
  auto a = std::make_shared<PaperArgs>();
  CLI::App* ls = root->add_subcommand("ls", "List daily papers (with --query: search all papers)");
  ls->add_option("--query", a->query, "Search titles, summaries and authors instead");
  ls->add_option("--date", a->date, "Submitted on this day (YYYY-MM-DD)");
  ls->add_option("--week", a->week, "Submitted in this ISO week (YYYY-Www)");
  ls->add_option("--month", a->month, "Submitted in this month (YYYY-MM)");
  ls->add_option("--submitter", a->submitter, "Submitted by this user");
  ls->add_option("--sort", a->sort, "publishedAt or trending")->check(CLI::IsMember({"publishedAt", "trending"}));
  ls->add_option("--limit", a->limit, "At most this many papers (1 to 100)");
  ls->add_flag("--json", a->as_json, "Print JSON");
  ls->callback([a, &ctx] {
    if (!a->query.empty()) return search_papers(*a, ctx);
    ListDailyPapersParams p;
    auto set = [](std::optional<std::string>& to, const std::string& v) {
      if (!v.empty()) to = v;
    };
    set(p.date, a->date), set(p.week, a->week), set(p.month, a->month);
    set(p.submitter, a->submitter), set(p.sort, a->sort);
    p.limit = a->limit;
    print_papers(ctx.api().list_daily_papers(p), a->as_json);
  });
  CLI::App* search = root->add_subcommand("search", "Search papers by title, summary and authors");
  search->add_option("query", a->query, "Words to find")->required();
  search->add_option("--limit", a->limit, "At most this many papers (1 to 100)");
  search->add_flag("--json", a->as_json, "Print JSON");
  search->callback([a, &ctx] { search_papers(*a, ctx); });
  CLI::App* info = root->add_subcommand("info", "Show a paper and the repos that link it");
  info->add_option("arxiv_id", a->id, "The arXiv id, e.g. 2311.12983")->required();
  info->add_flag("--json", a->as_json, "Print JSON");
  info->callback([a, &ctx] { print_paper(ctx.api().paper_info(a->id), a->as_json); });
}

}  // namespace hfhub::cli
