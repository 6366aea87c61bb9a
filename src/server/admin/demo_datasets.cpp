// The demo catalog's datasets (demo_catalog.h): the well-known ones models cite, then many
// small ones across tasks, modalities and formats.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "common/path_segments.h"
#include "server/admin/demo_shared.h"
#include "server/catalog/taxonomy.h"

namespace hfhub::server::demo {

namespace json = boost::json;

namespace {

std::string_view modality_of(const PipelineTag& task) {
  if (task.id == "robotics") return "video";
  if (task.id == "time-series-forecasting") return "timeseries";
  if (task.modality == "cv" || task.modality == "multimodal") return "image";
  if (task.modality == "audio") return "audio";
  if (task.modality == "tabular") return "tabular";
  return "text";
}

std::string_view format_for(Rng& rng, std::string_view modality) {
  if (modality == "image") return rng.chance(0.6) ? "imagefolder" : "parquet";
  if (modality == "audio") return rng.chance(0.6) ? "audiofolder" : "parquet";
  if (modality == "tabular" || modality == "timeseries") return rng.chance(0.5) ? "csv" : "parquet";
  double u = rng.uniform();
  return u < 0.6 ? "parquet" : u < 0.85 ? "json" : u < 0.95 ? "csv" : "text";
}

// Tags in the order the Hub writes them for a dataset card's metadata.
void add_dataset_tags(Rng& rng, RepoRecord& r, const FoundationDataset& spec, const PipelineTag* task,
                      const std::vector<std::string>& languages) {
  auto& t = r.tags;
  t.push_back("task_categories:" + std::string(spec.task));
  if (task && !task->subtasks.empty() && rng.chance(0.2)) t.push_back("task_ids:" + rng.pick(task->subtasks).id);
  for (const std::string& l : languages) t.push_back("language:" + l);
  t.push_back("license:" + std::string(spec.license));
  t.push_back("size_categories:" + std::string(spec.size));
  t.push_back("format:" + std::string(spec.format));
  t.push_back("modality:" + std::string(spec.modality));
  if (spec.modality == "image" && rng.chance(0.5)) t.push_back("modality:text");
  t.push_back("library:datasets");
  if (spec.format != "imagefolder" && spec.format != "audiofolder") {
    if (rng.chance(0.6)) t.push_back("library:pandas");
    if (rng.chance(0.4)) t.push_back("library:polars");
  }
  if (rng.chance(0.6)) t.push_back("library:mlcroissant");
  if (rng.chance(0.05)) {
    char paper[24];
    std::snprintf(paper, sizeof paper, "arxiv:%02d%02d.%05d", int(rng.between(20, 26)), int(rng.between(1, 13)),
                  int(rng.between(1, 20000)));
    t.push_back(paper);
  }
  t.push_back("region:us");
}

}  // namespace

void generate_datasets(const DemoOptions& o, const Owners& owners, int64_t now, const RepoSink& sink) {
  Rng rng(o.seed, 0x6461746173657473);
  const Taxonomy& tax = Taxonomy::builtin();
  std::vector<const PipelineTag*> dataset_tasks;
  for (const PipelineTag& p : tax.pipeline_tags())
    if (!p.hide_in_datasets && p.id != "other") dataset_tasks.push_back(&p);
  const auto& sizes = demo::dataset_size_categories();
  const auto& suffixes = demo::dataset_name_suffixes();

  for (int64_t i = 0; i < o.datasets; ++i) {
    RepoRecord r;
    r.type = RepoType::Dataset;
    const bool foundation = i < int64_t(demo::foundation_datasets().size());
    FoundationDataset spec{};
    if (foundation) {
      spec = demo::foundation_datasets()[i];
      r.id = owners.org(size_t(i)) + "/" + std::string(spec.name);
    } else {
      std::string_view task = pick_weighted(rng, demo::dataset_task_weights());
      const PipelineTag* p =
          task.empty() ? dataset_tasks[rng.below(dataset_tasks.size())] : tax.find_pipeline_tag(task);
      spec.task = p->id;
      spec.modality = modality_of(*p);
      spec.format = format_for(rng, spec.modality);
      spec.size = sizes[std::min(sizes.size() - 1, size_t(rng.exponential(1.5)))];
      spec.license = common_licenses()[rng.below(common_licenses().size())].id;
      spec.languages = spec.modality == "text" || rng.chance(0.3) ? (rng.chance(0.8) ? "en" : "fr") : "";
      r.id = owners.any(rng) + "/" + join({rng.pick(demo::topics()), rng.pick(suffixes), base36(i)});
    }
    r.author = std::string(split_first_segment(r.id).first);
    const PipelineTag* task = tax.find_pipeline_tag(spec.task);
    std::vector<std::string> languages = words(spec.languages);
    add_dataset_tags(rng, r, spec, task, languages);

    add_sibling(r, ".gitattributes", 2307);
    add_sibling(r, "README.md", rng.between(300, 20'000));
    std::string ext = spec.format == "json"   ? "jsonl"
                      : spec.format == "csv"  ? "csv"
                      : spec.format == "text" ? "txt"
                                              : "parquet";
    int64_t shards = 1 + int64_t(rng.exponential(1.0));
    for (int64_t s = 0; s < shards; ++s) {
      char name[64];
      std::snprintf(name, sizeof name, "data/train-%05lld-of-%05lld.%s", (long long)s, (long long)shards, ext.c_str());
      add_sibling(r, name, rng.between(100'000, 500'000'000));
    }
    add_sibling(r, "data/test-00000-of-00001." + ext, rng.between(10'000, 50'000'000));

    if (rng.chance(0.7)) {
      json::object card{{"license", spec.license},
                        {"task_categories", json::array{spec.task}},
                        {"size_categories", json::array{spec.size}}};
      if (!languages.empty()) card["language"] = to_json_array(languages);
      card["pretty_name"] = display_name_of_org(split_first_segment(r.id).second);
      r.card_data_json = json::serialize(card);
    }
    if (rng.chance(0.5))
      r.extra_json = json::serialize(json::object{{"description", "A " + std::string(spec.modality) + " dataset for " +
                                                                      (task ? task->label : std::string(spec.task)) +
                                                                      " (" + std::string(spec.size) + " rows)."}});
    int64_t created = foundation ? kHubFloorMs + int64_t(rng.uniform() * double(now - 60 * kDayMs - kHubFloorMs))
                                 : draw_created(rng, now, kHubFloorMs);
    fill_common(rng, r, now, created, foundation ? 5'000 + rng.lognormal(9, 1.5) : rng.lognormal(1.2, 2.3));
    if (foundation) r.is_private = false;
    sink(std::move(r));
  }
}

}  // namespace hfhub::server::demo
