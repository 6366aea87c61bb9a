#include "server/admin/demo_catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "common/iso_time.h"
#include "common/object_id.h"
#include "common/repo_id.h"
#include "server/catalog/taxonomy.h"
#include "store_test_support.h"

namespace hfhub::server {
namespace {

constexpr int64_t kNow = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
constexpr int64_t kDay = 86'400'000;

DemoOptions small_options(int64_t models = 3000) {
  DemoOptions o;
  o.models = models;
  o.datasets = 400;
  o.spaces = 300;
  o.seed = 7;
  o.now_ms = kNow;
  return o;
}

std::vector<RepoRecord> generate(const DemoOptions& o, RepoType type) {
  std::vector<RepoRecord> out;
  generate_demo_repos(o, type, [&](RepoRecord&& r) { out.push_back(std::move(r)); });
  return out;
}

bool has_tag(const RepoRecord& r, std::string_view tag) {
  return std::find(r.tags.begin(), r.tags.end(), tag) != r.tags.end();
}

double share(const std::vector<RepoRecord>& repos, const std::function<bool(const RepoRecord&)>& pred) {
  return double(std::count_if(repos.begin(), repos.end(), pred)) / double(repos.size());
}

// The fields that must not change between two runs with the same seed.
std::string fingerprint(const RepoRecord& r) {
  std::string s = r.id + "|" + r.sha + "|" + r.object_id + "|" + std::to_string(r.created_at_ms) + "|" +
                  std::to_string(r.downloads) + "|" + r.card_data_json + "|" + r.extra_json;
  for (const std::string& t : r.tags) s += "," + t;
  for (const Sibling& f : r.siblings) s += ";" + f.rfilename;
  return s;
}

TEST(DemoCatalog, AccountsAreValidUniqueAndDeterministic) {
  DemoOptions o = small_options();
  DemoAccounts a = generate_demo_accounts(o);
  ASSERT_EQ(a.users.size(), 50u);
  ASSERT_EQ(a.orgs.size(), 20u);
  std::set<std::string> names;
  for (const auto* list : {&a.users, &a.orgs})
    for (const Account& acc : *list) {
      EXPECT_TRUE(is_valid_repo_name_part(acc.name)) << acc.name;
      EXPECT_TRUE(names.insert(acc.name).second) << "duplicate " << acc.name;
      EXPECT_TRUE(is_object_id(acc.object_id));
      EXPECT_FALSE(acc.fullname.empty());
      EXPECT_EQ(acc.avatar_url.rfind("/avatars/", 0), 0u);
    }
  for (const Account& u : a.users) {
    EXPECT_EQ(u.kind, AccountKind::User);
    EXPECT_EQ(u.email, u.name + "@example.com");
  }
  std::map<std::string, bool> org_has_admin;
  for (const DemoMembership& m : a.memberships) {
    EXPECT_TRUE(names.count(m.user)) << m.user;
    org_has_admin[m.org] |= m.role == OrgRole::Admin;
  }
  EXPECT_EQ(org_has_admin.size(), a.orgs.size());
  for (auto& [org, admin] : org_has_admin) EXPECT_TRUE(admin) << org;

  DemoAccounts again = generate_demo_accounts(o);
  ASSERT_EQ(again.users.size(), a.users.size());
  for (size_t i = 0; i < a.users.size(); ++i) {
    EXPECT_EQ(again.users[i].name, a.users[i].name);
    EXPECT_EQ(again.users[i].object_id, a.users[i].object_id);
  }
}

TEST(DemoCatalog, SameSeedSameCatalogOtherSeedOtherCatalog) {
  DemoOptions o = small_options(500);
  for (RepoType type : {RepoType::Model, RepoType::Dataset, RepoType::Space}) {
    auto first = generate(o, type), second = generate(o, type);
    ASSERT_EQ(first.size(), second.size());
    for (size_t i = 0; i < first.size(); ++i) ASSERT_EQ(fingerprint(first[i]), fingerprint(second[i])) << i;
  }
  DemoOptions other = o;
  other.seed = 8;
  auto a = generate(o, RepoType::Model), b = generate(other, RepoType::Model);
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += fingerprint(a[i]) == fingerprint(b[i]);
  EXPECT_LT(same, a.size() / 10);
  // Counts of other types do not shift the model stream.
  DemoOptions more_spaces = o;
  more_spaces.spaces = 5;
  auto c = generate(more_spaces, RepoType::Model);
  ASSERT_EQ(c.size(), a.size());
  EXPECT_EQ(fingerprint(c.back()), fingerprint(a.back()));
}

TEST(DemoCatalog, ModelsLookLikeHubListings) {
  DemoOptions o = small_options();
  DemoAccounts accounts = generate_demo_accounts(o);
  std::set<std::string> namespaces;
  for (const Account& a : accounts.users) namespaces.insert(a.name);
  for (const Account& a : accounts.orgs) namespaces.insert(a.name);
  const Taxonomy& tax = Taxonomy::builtin();

  auto models = generate(o, RepoType::Model);
  ASSERT_EQ(models.size(), 3000u);
  std::set<std::string> ids_lower, ids;
  for (const RepoRecord& r : models) {
    std::string lower = r.id;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    EXPECT_TRUE(ids_lower.insert(lower).second) << "duplicate " << r.id;
    ids.insert(r.id);
  }
  for (const RepoRecord& r : models) {
    SCOPED_TRACE(r.id);
    auto id = RepoId::parse(r.id);
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(id->ns, r.author);
    EXPECT_TRUE(namespaces.count(r.author));
    EXPECT_EQ(r.type, RepoType::Model);
    EXPECT_TRUE(is_object_id(r.object_id));
    char head[9];
    std::snprintf(head, sizeof head, "%08x", unsigned(r.created_at_ms / 1000));
    EXPECT_EQ(r.object_id.substr(0, 8), head);  // `_id` order follows createdAt
    EXPECT_EQ(r.sha.size(), 40u);
    EXPECT_GE(r.created_at_ms, *parse_iso8601("2022-03-02T23:29:04.000Z"));
    EXPECT_LE(r.created_at_ms, kNow);
    EXPECT_GE(r.last_modified_ms, r.created_at_ms);
    EXPECT_LE(r.last_modified_ms, kNow);
    EXPECT_GE(r.downloads, 0);
    EXPECT_GE(r.likes, 0);
    EXPECT_GE(r.downloads_all_time, r.downloads);
    ASSERT_FALSE(r.tags.empty());
    EXPECT_EQ(r.tags.back(), "region:us");
    EXPECT_FALSE(r.siblings.empty());
    EXPECT_GT(r.used_storage, 0);
    if (r.pipeline_tag) {
      EXPECT_NE(tax.find_pipeline_tag(*r.pipeline_tag), nullptr);
      EXPECT_TRUE(has_tag(r, *r.pipeline_tag));
    }
    if (r.library_name) {
      EXPECT_NE(tax.find_model_library(*r.library_name), nullptr) << *r.library_name;
      EXPECT_TRUE(has_tag(r, *r.library_name));
    }
    for (const std::string& t : r.tags) {
      EXPECT_FALSE(t.empty());
      if (t.rfind("base_model:", 0) == 0) {
        std::string target = t.substr(t.rfind(':') + 1);
        EXPECT_TRUE(ids.count(target)) << t;  // fine-tunes point at generated models
      }
    }
    if (!r.card_data_json.empty()) {
      EXPECT_TRUE(boost::json::parse(r.card_data_json).is_object());
    }
    if (r.library_name == "transformers" && !r.config_json.empty()) {
      auto config = boost::json::parse(r.config_json).as_object();
      EXPECT_TRUE(config.contains("model_type"));
      EXPECT_TRUE(config.at("architectures").is_array());
    }
  }

  auto with = [&](auto pred) { return share(models, pred); };
  EXPECT_NEAR(with([](auto& r) { return r.pipeline_tag == "text-generation"; }), 0.25, 0.07);
  EXPECT_NEAR(with([](auto& r) { return !r.pipeline_tag; }), 0.15, 0.04);
  EXPECT_GT(with([](auto& r) { return r.pipeline_tag == "text-to-image"; }), 0.05);
  EXPECT_NEAR(with([](auto& r) { return !r.library_name; }), 0.10, 0.04);
  EXPECT_NEAR(with([](auto& r) { return r.created_at_ms > kNow - 7 * kDay; }), 0.20, 0.05);
  EXPECT_NEAR(with([](auto& r) { return r.is_private; }), 0.02, 0.015);
  EXPECT_NEAR(with([](auto& r) { return r.gated != Gated::No; }), 0.03, 0.02);
  EXPECT_NEAR(with([](auto& r) { return !r.card_data_json.empty(); }), 0.70, 0.05);
  double llama = with([](auto& r) {
    std::string lower = r.id;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    return lower.find("llama") != std::string::npos;
  });
  EXPECT_GT(llama, 0.01);
  EXPECT_LT(llama, 0.12);
  EXPECT_GT(with([](auto& r) { return has_tag(r, "conversational"); }), 0.1);
  EXPECT_GT(with([](auto& r) { return has_tag(r, "gguf"); }), 0.02);
  EXPECT_GT(with([](auto& r) { return r.library_name == "diffusers"; }), 0.05);
  // Zipf-like popularity: most repos are barely downloaded, a few are huge.
  EXPECT_GT(with([](auto& r) { return r.downloads <= 100; }), 0.6);
  int64_t top = 0;
  for (auto& r : models) top = std::max(top, r.downloads);
  EXPECT_GT(top, 1'000'000);
}

TEST(DemoCatalog, DatasetsAndSpacesCarryTheirTagFamilies) {
  DemoOptions o = small_options(100);
  std::set<std::string> ids;
  for (const RepoRecord& d : generate(o, RepoType::Dataset)) {
    SCOPED_TRACE(d.id);
    EXPECT_TRUE(RepoId::parse(d.id).has_value());
    EXPECT_TRUE(ids.insert(d.id).second);
    EXPECT_EQ(d.type, RepoType::Dataset);
    auto has_prefix = [&](std::string_view p) {
      return std::any_of(d.tags.begin(), d.tags.end(), [&](auto& t) { return t.rfind(p, 0) == 0; });
    };
    for (const char* p : {"task_categories:", "size_categories:", "license:", "format:", "modality:", "library:"})
      EXPECT_TRUE(has_prefix(p)) << p;
    EXPECT_EQ(d.tags.back(), "region:us");
    EXPECT_FALSE(d.pipeline_tag.has_value());
  }
  EXPECT_EQ(ids.size(), 400u);
  std::map<std::string, int> sdks;
  for (const RepoRecord& s : generate(o, RepoType::Space)) {
    ASSERT_TRUE(s.sdk.has_value());
    ++sdks[*s.sdk];
    EXPECT_TRUE(has_tag(s, *s.sdk));
    EXPECT_EQ(s.tags.back(), "region:us");
    EXPECT_EQ(s.downloads, 0);
    EXPECT_TRUE(boost::json::parse(s.extra_json).as_object().contains("runtime"));
  }
  EXPECT_GT(sdks["gradio"], sdks["docker"]);
  EXPECT_GT(sdks["docker"], 0);
  EXPECT_GT(sdks["streamlit"], 0);
}

class DemoCatalogStoreTest : public TempDatabaseTest {};

TEST_F(DemoCatalogStoreTest, SeedsAccountsAndReposInBatchesAndIsIdempotent) {
  DemoOptions o = small_options(1200);
  o.datasets = 50;
  o.spaces = 30;
  o.batch_size = 500;
  std::vector<int64_t> model_progress;
  DemoReport first = seed_demo_catalog(accounts_, repos_, o, [&](RepoType type, int64_t done, int64_t total) {
    if (type != RepoType::Model) return;
    model_progress.push_back(done);
    EXPECT_EQ(total, 1200);
  });
  EXPECT_EQ(first.accounts_created, 70);
  EXPECT_EQ(first.accounts_existing, 0);
  EXPECT_GT(first.memberships, 20);
  EXPECT_EQ(first.models, 1200);
  EXPECT_EQ(first.datasets, 50);
  EXPECT_EQ(first.spaces, 30);
  EXPECT_GT(first.repos_per_second(), 0);
  EXPECT_EQ(model_progress, (std::vector<int64_t>{500, 1000, 1200}));
  EXPECT_EQ(repos_.count_repos(RepoType::Model), 1200);
  EXPECT_EQ(repos_.count_repos(RepoType::Dataset), 50);
  EXPECT_EQ(repos_.count_repos(RepoType::Space), 30);

  // The stored rows are the generated ones.
  auto generated = generate(o, RepoType::Model);
  auto stored = repos_.find_repo(RepoType::Model, generated[777].id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->sha, generated[777].sha);
  EXPECT_EQ(stored->tags, generated[777].tags);
  EXPECT_EQ(stored->object_id, generated[777].object_id);

  DemoAccounts demo = generate_demo_accounts(o);
  auto org = accounts_.find_account(demo.orgs[0].name);
  ASSERT_TRUE(org.has_value());
  EXPECT_EQ(org->kind, AccountKind::Org);
  EXPECT_FALSE(accounts_.members_of(org->rowid).empty());

  DemoReport second = seed_demo_catalog(accounts_, repos_, o);
  EXPECT_EQ(second.accounts_created, 0);
  EXPECT_EQ(second.accounts_existing, 70);
  EXPECT_EQ(repos_.count_repos(RepoType::Model), 1200);
}

TEST_F(DemoCatalogStoreTest, TagCountsFeedTheTagsByTypeBody) {
  DemoOptions o = small_options(600);
  o.datasets = 20;
  o.spaces = 0;
  seed_demo_catalog(accounts_, repos_, o);
  auto counts = repos_.tag_counts(RepoType::Model);
  ASSERT_FALSE(counts.empty());
  auto body = boost::json::parse(models_tags_by_type_json(counts)).as_object();
  bool found_dataset = false;
  for (auto& e : body.at("dataset").as_array()) found_dataset |= e.at("id").as_string().starts_with("dataset:");
  EXPECT_TRUE(found_dataset);
}

}  // namespace
}  // namespace hfhub::server
