#include "server/admin/demo_shared.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>

namespace hfhub::server::demo {

namespace json = boost::json;

// An ObjectId laid out like make_object_id (creation seconds first, so `_id` order follows
// createdAt) but with the other 8 bytes drawn from the seeded generator, for determinism.
std::string seeded_object_id(Rng& rng, int64_t created_ms) {
  char head[9];
  std::snprintf(head, sizeof head, "%08x", unsigned(uint32_t(created_ms / 1000)));
  return std::string(head) + rng.hex(16);
}

std::string base36(int64_t n) {
  std::string out;
  do {
    out.insert(out.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36]);
    n /= 36;
  } while (n > 0);
  return out;
}

std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += '-';
    out += p;
  }
  return out;
}

json::array to_json_array(const std::vector<std::string>& v) {
  json::array a;
  for (const std::string& s : v) a.emplace_back(s);
  return a;
}

std::string capitalized(std::string_view w) {
  std::string s(w);
  if (!s.empty()) s[0] = char(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string display_name_of_org(std::string_view name) {
  std::string out;
  for (const std::string& part : words([&] {
         std::string s(name);
         std::replace(s.begin(), s.end(), '-', ' ');
         return s;
       }())) {
    if (!out.empty()) out += ' ';
    if (part == "ai" || part == "ml" || part == "nlp") {
      for (char c : part) out += char(std::toupper(static_cast<unsigned char>(c)));
    } else {
      out += capitalized(part);
    }
  }
  return out;
}

// Fields every repo type gets the same way: dates, popularity, visibility, sha, `_id`.
void fill_common(Rng& rng, RepoRecord& r, int64_t now, int64_t created, double popularity) {
  r.created_at_ms = std::clamp(created, kHubFloorMs, now);
  int64_t idle = now - r.created_at_ms;
  r.last_modified_ms =
      r.created_at_ms + (rng.chance(0.3) ? std::min<int64_t>(idle, rng.between(1000, 600'000))
                                         : std::min<int64_t>(idle, int64_t(rng.exponential(15.0 * kDayMs))));
  r.object_id = seeded_object_id(rng, r.created_at_ms);
  r.sha = rng.hex(40);
  double age_days = double(idle) / kDayMs;
  if (age_days < 30) popularity *= std::max(0.02, age_days / 30);
  r.downloads = int64_t(popularity);
  r.downloads_all_time =
      r.downloads + int64_t(double(r.downloads) * std::max(0.0, age_days / 30 - 1) * (0.2 + 0.6 * rng.uniform()));
  r.likes = int64_t(std::pow(popularity, 0.55) * rng.lognormal(-1.6, 0.8));
  // Trending follows recent likes: a burst that decays over two weeks, then a trickle.
  double recent = age_days < 14 ? double(r.likes) * (1.0 - age_days / 14) : double(r.likes) * 0.02 * rng.uniform();
  r.trending_score = std::floor(recent);
  r.is_private = rng.chance(0.02);
  if (rng.chance(0.03)) r.gated = rng.chance(0.5) ? Gated::Auto : Gated::Manual;
}

// createdAt: ~20% in the last week, the rest skewed towards recent times since `earliest`.
int64_t draw_created(Rng& rng, int64_t now, int64_t earliest) {
  int64_t week_ago = now - 7 * kDayMs;
  earliest = std::min(std::max(earliest, kHubFloorMs), week_ago);
  if (rng.chance(0.2)) return week_ago + int64_t(rng.uniform() * double(now - week_ago));
  return earliest + int64_t(std::pow(rng.uniform(), 0.6) * double(week_ago - earliest));
}

// Sizes only: LFS hashes would add ~100 bytes per weight file to every row of a 1M-repo
// catalog, and no listing shows them (only repo info with blobs=true).
void add_sibling(RepoRecord& r, std::string name, int64_t size) {
  r.siblings.push_back(Sibling{std::move(name), size, std::nullopt, std::nullopt, std::nullopt});
  r.used_storage += size;
}

}  // namespace hfhub::server::demo
