// Micro-benchmarks of the listing and model_info paths below HTTP: the SQLite store query, the
// JSON rendering of the rows and the cursor codec, each alone, so the wrk figures of
// catalog_bench.sh can be split into "store" and "render" time.
//
// The store benchmarks run on the catalog in HFHUB_BENCH_DB (a hfhub.sqlite3, e.g. the 1M one
// catalog_bench.sh leaves in bench/results/catalog-1m/data/); without it they seed a small demo
// catalog (HFHUB_BENCH_MODELS, default 20000) in a temporary directory.
//
//   build/bench/bench/micro_bench --benchmark_filter=Catalog
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include "common/json_writer.h"
#include "server/admin/demo_catalog.h"
#include "server/catalog/catalog_service.h"
#include "server/catalog/list_cursor.h"
#include "server/catalog/repo_fields.h"
#include "server/http/request.h"
#include "server/routes/support/query_view.h"
#include "server/stores/sqlite/sqlite_account_store.h"
#include "server/stores/sqlite/sqlite_database.h"
#include "server/stores/sqlite/sqlite_repo_store.h"

namespace {

using namespace hfhub;
using namespace hfhub::server;

constexpr const char* kListQuery = "sort=createdAt&direction=-1&limit=50&filter=text-generation";
constexpr const char* kSearchQuery = "sort=createdAt&direction=-1&limit=50&filter=text-generation&search=llama";

struct Catalog {
  std::filesystem::path temp_dir;
  std::unique_ptr<SqliteDatabase> db;
  std::unique_ptr<SqliteRepoStore> repos;
  std::unique_ptr<CatalogService> catalog;
  std::vector<std::string> ids;  // model ids for find_repo, from both ends of two sorts

  Catalog() {
    std::filesystem::path file;
    if (const char* env = std::getenv("HFHUB_BENCH_DB"); env && *env) {
      file = env;
    } else {
      temp_dir = std::filesystem::temp_directory_path() / ("hfhub-micro-bench-" + std::to_string(::getpid()));
      std::filesystem::create_directories(temp_dir);
      file = temp_dir / "hfhub.sqlite3";
    }
    db = std::make_unique<SqliteDatabase>(file);
    repos = std::make_unique<SqliteRepoStore>(*db);
    if (!temp_dir.empty()) {
      SqliteAccountStore accounts(*db);
      DemoOptions demo;
      const char* n = std::getenv("HFHUB_BENCH_MODELS");
      demo.models = n ? std::atoll(n) : 20000;
      demo.datasets = 50;
      demo.spaces = 50;
      seed_demo_catalog(accounts, *repos, demo);
    }
    catalog = std::make_unique<CatalogService>(*repos);
    for (auto sort : {RepoSort::CreatedAt, RepoSort::Downloads}) {
      for (bool asc : {false, true}) {
        RepoQuery q;
        q.sort = sort;
        q.ascending = asc;
        q.limit = 500;
        for (auto& r : repos->list_repos(q)) ids.push_back(r.id);
      }
    }
  }
  ~Catalog() {
    catalog.reset();
    repos.reset();
    db.reset();
    if (!temp_dir.empty()) std::filesystem::remove_all(temp_dir);
  }
};

Catalog& catalog() {
  static Catalog c;
  return c;
}

RepoQuery list_query(bool search) {
  RepoQuery q;
  q.type = RepoType::Model;
  q.tags = {"text-generation"};
  q.sort = RepoSort::CreatedAt;
  q.ascending = false;
  q.limit = 51;  // as CatalogService asks: one more tells whether a next page exists
  if (search) q.search_lower = "llama";
  return q;
}

// The store alone: SQL, row decoding into RepoRecord.
void BM_CatalogStoreList(benchmark::State& state) {
  auto& c = catalog();
  auto q = list_query(state.range(0) != 0);
  size_t rows = 0;
  for (auto _ : state) {
    auto out = c.repos->list_repos(q);
    rows = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["rows"] = double(rows);
  state.SetLabel(state.range(0) ? "filter+search" : "filter");
}
BENCHMARK(BM_CatalogStoreList)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// Rendering alone: 50 decoded rows to the listing JSON.
void BM_CatalogRenderPage(benchmark::State& state) {
  auto& c = catalog();
  auto q = list_query(false);
  q.limit = 50;
  auto rows = c.repos->list_repos(q);
  auto fields = RepoFieldSet::list_default(RepoType::Model);
  size_t bytes = 0;
  for (auto _ : state) {
    JsonWriter w;
    w.reserve(rows.size() * 512 + 2);
    w.begin_array();
    for (auto& r : rows) write_repo(w, r, fields);
    w.end_array();
    auto body = w.take();
    bytes = body.size();
    benchmark::DoNotOptimize(body);
  }
  state.counters["bytes"] = double(bytes);
  state.SetBytesProcessed(int64_t(state.iterations() * bytes));
}
BENCHMARK(BM_CatalogRenderPage)->Unit(benchmark::kMicrosecond);

// The whole CatalogService::list (parse params, store, cursor, render): the handler minus HTTP.
void BM_CatalogServiceList(benchmark::State& state) {
  auto& c = catalog();
  auto params = *QueryParams::parse(state.range(0) ? kSearchQuery : kListQuery);
  Caller anonymous;
  for (auto _ : state) {
    auto page = c.catalog->list(RepoType::Model, QueryView(params), anonymous);
    benchmark::DoNotOptimize(page);
  }
  state.SetLabel(state.range(0) ? "filter+search" : "filter");
}
BENCHMARK(BM_CatalogServiceList)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// model_info below HTTP: find_repo rotating through ids, then the whole CatalogService::info.
void BM_CatalogStoreFind(benchmark::State& state) {
  auto& c = catalog();
  size_t i = 0;
  for (auto _ : state) {
    auto r = c.repos->find_repo(RepoType::Model, c.ids[i++ % c.ids.size()]);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_CatalogStoreFind)->Unit(benchmark::kMicrosecond);

void BM_CatalogServiceInfo(benchmark::State& state) {
  auto& c = catalog();
  QueryParams none;
  Caller anonymous;
  size_t i = 0;
  for (auto _ : state) {
    auto body = c.catalog->info(RepoType::Model, c.ids[i++ % c.ids.size()], std::nullopt, QueryView(none), anonymous);
    benchmark::DoNotOptimize(body);
  }
}
BENCHMARK(BM_CatalogServiceInfo)->Unit(benchmark::kMicrosecond);

void BM_CatalogCursorEncode(benchmark::State& state) {
  KeysetPosition p{1795198185831.0, "6b008ce92b1a44c44d0de240"};
  for (auto _ : state) benchmark::DoNotOptimize(encode_list_cursor(RepoSort::CreatedAt, p));
}
BENCHMARK(BM_CatalogCursorEncode);

void BM_CatalogCursorDecode(benchmark::State& state) {
  auto text = encode_list_cursor(RepoSort::CreatedAt, {1795198185831.0, "6b008ce92b1a44c44d0de240"});
  for (auto _ : state) benchmark::DoNotOptimize(decode_list_cursor(text, RepoSort::CreatedAt));
}
BENCHMARK(BM_CatalogCursorDecode);

}  // namespace
