// The demo catalog's spaces (demo_catalog.h): apps of each SDK with their card and runtime.
#include <cctype>
#include <string>

#include <boost/json.hpp>

#include "common/path_segments.h"
#include "server/admin/demo_shared.h"
#include "server/catalog/taxonomy.h"

namespace hfhub::server::demo {

namespace json = boost::json;

void generate_spaces(const DemoOptions& o, const Owners& owners, int64_t now, const RepoSink& sink) {
  Rng rng(o.seed, 0x737061636573);
  const auto& subjects = demo::space_subjects();
  const auto& apps = demo::space_app_words();
  const auto& emojis = demo::space_emojis();
  const auto& colors = demo::space_colors();
  const auto& stages = demo::space_runtime_stages();
  for (int64_t i = 0; i < o.spaces; ++i) {
    RepoRecord r;
    r.type = RepoType::Space;
    const std::string& subject = rng.pick(subjects);
    const std::string& app = rng.pick(apps);
    r.id = owners.any(rng) + "/" + join({subject, app, base36(i)});
    r.author = std::string(split_first_segment(r.id).first);
    std::string sdk(pick_weighted(rng, demo::space_sdk_weights()));
    r.sdk = sdk;
    r.tags.push_back(sdk);
    if (sdk == "gradio" && rng.chance(0.1)) r.tags.push_back("mcp-server");
    if (subject == "leaderboard" || subject == "arena") r.tags.push_back("leaderboard");
    r.tags.push_back("region:us");

    add_sibling(r, ".gitattributes", 1519);
    add_sibling(r, "README.md", rng.between(250, 2'000));
    if (sdk == "docker") add_sibling(r, "Dockerfile", rng.between(200, 1'500));
    if (sdk == "static") {
      add_sibling(r, "index.html", rng.between(1'000, 30'000));
    } else {
      add_sibling(r, "app.py", rng.between(800, 40'000));
      add_sibling(r, "requirements.txt", rng.between(20, 400));
    }
    std::string title = capitalized(subject) + " " + capitalized(app);
    std::string license = common_licenses()[rng.below(8)].id;
    if (rng.chance(0.9)) {
      json::object card{{"title", title},
                        {"emoji", rng.pick(emojis)},
                        {"colorFrom", rng.pick(colors)},
                        {"colorTo", rng.pick(colors)},
                        {"sdk", sdk},
                        {"pinned", rng.chance(0.1)},
                        {"license", license}};
      if (sdk == "gradio") card["sdk_version"] = "5.9.1", card["app_file"] = "app.py";
      if (sdk == "streamlit") card["sdk_version"] = "1.41.0", card["app_file"] = "app.py";
      r.card_data_json = json::serialize(card);
    }
    std::string subdomain = r.id;
    for (char& c : subdomain) c = std::isalnum(static_cast<unsigned char>(c)) ? char(std::tolower(c)) : '-';
    json::object runtime{{"stage", rng.pick(stages)},
                         {"hardware", {{"current", "cpu-basic"}, {"requested", "cpu-basic"}}},
                         {"storage", nullptr},
                         {"replicas", {{"current", 1}, {"requested", 1}}}};
    r.extra_json = json::serialize(
        json::object{{"runtime", runtime}, {"subdomain", subdomain}, {"host", "https://" + subdomain + ".hf.space"}});
    fill_common(rng, r, now, draw_created(rng, now, kHubFloorMs), rng.lognormal(1.0, 2.2));
    r.downloads = r.downloads_all_time = 0;  // spaces are visited, not downloaded
    r.gated = Gated::No;
    sink(std::move(r));
  }
}

}  // namespace hfhub::server::demo
