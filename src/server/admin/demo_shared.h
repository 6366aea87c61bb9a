#pragma once
// What the demo generators of the three repo types share (demo_catalog.h): ids, names, dates,
// popularity and files drawn the same way, the namespaces that own the repos, and the
// generator of each type (demo_models.cpp, demo_datasets.cpp, demo_spaces.cpp).
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>

#include "server/admin/demo_catalog.h"
#include "server/admin/demo_rng.h"

namespace hfhub::server::demo {

inline constexpr int64_t kDayMs = 86'400'000;
// The Hub reports this createdAt for every repo older than its createdAt bookkeeping.
inline constexpr int64_t kHubFloorMs = 1'646'263'744'000;  // 2022-03-02T23:29:04.000Z

std::string seeded_object_id(Rng& rng, int64_t created_ms);
std::string base36(int64_t n);
// The non-empty parts joined with '-'.
std::string join(std::initializer_list<std::string_view> parts);
boost::json::array to_json_array(const std::vector<std::string>& v);
std::string capitalized(std::string_view w);
// "open-ai-lab" -> "Open AI Lab".
std::string display_name_of_org(std::string_view name);

class Owners {
 public:
  explicit Owners(const DemoAccounts& a) {
    for (const Account& o : a.orgs) orgs_.push_back(o.name);
    for (const Account& u : a.users) users_.push_back(u.name);
  }
  const std::string& org(size_t i) const { return orgs_[i % orgs_.size()]; }
  // Uploads are skewed: a few namespaces own a large share, as on the Hub.
  const std::string& any(Rng& rng) const {
    const auto& pool = (users_.empty() || rng.chance(0.3)) ? orgs_ : users_;
    double u = rng.uniform();
    return pool[std::min(pool.size() - 1, size_t(u * u * double(pool.size())))];
  }

 private:
  std::vector<std::string> orgs_, users_;
};

void fill_common(Rng& rng, RepoRecord& r, int64_t now, int64_t created, double popularity);
int64_t draw_created(Rng& rng, int64_t now, int64_t earliest);
void add_sibling(RepoRecord& r, std::string name, int64_t size);

// One generator per repo type: the options' count of repos, in a fixed order.
void generate_models(const DemoOptions& o, const Owners& owners, int64_t now, const RepoSink& sink);
void generate_datasets(const DemoOptions& o, const Owners& owners, int64_t now, const RepoSink& sink);
void generate_spaces(const DemoOptions& o, const Owners& owners, int64_t now, const RepoSink& sink);

}  // namespace hfhub::server::demo
