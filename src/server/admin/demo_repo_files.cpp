// Demo datasets and spaces (demo_files.h): a card with the row's metadata and small data files
// in the text formats the Hub's viewer reads; a space's card with its SDK and a runnable app.
#include <string>

#include <boost/json.hpp>

#include "server/admin/demo_files.h"

namespace hfhub::server::demo {

namespace json = boost::json;

namespace {

// The data files the row lists, in a text format: a row's parquet shards become JSON Lines
// (the demo writes no parquet), and at most two training shards are kept.
std::vector<std::string> data_paths(const RepoRecord& repo) {
  std::vector<std::string> out;
  int train = 0;
  for (const Sibling& s : repo.siblings) {
    std::string p = s.rfilename;
    if (!p.starts_with("data/")) continue;
    if (p.starts_with("data/train-") && ++train > 2) continue;
    if (p.ends_with(".parquet")) p = p.substr(0, p.size() - 8) + ".jsonl";
    out.push_back(p);
  }
  if (out.empty()) out = {"data/train.jsonl", "data/test.jsonl"};
  return out;
}

std::string data_file(const std::string& path, size_t seed) {
  static const char* texts[] = {"The hub hosts models and datasets.", "A small demo sentence.",
                                "Repositories are git underneath.",   "Every file has a history.",
                                "Cards describe what a repo holds.",  "Branches and tags name commits."};
  static const char* labels[] = {"positive", "neutral", "negative"};
  const bool csv = path.ends_with(".csv"), txt = path.ends_with(".txt");
  std::string out = csv ? "id,text,label\n" : "";
  for (size_t i = 0; i < 40; ++i) {
    std::string text = texts[(i + seed) % 6], label = labels[(i * 7 + seed) % 3];
    if (csv)
      out += std::to_string(i) + ",\"" + text + "\"," + label + "\n";
    else if (txt)
      out += text + "\n";
    else
      out += json::serialize(json::object{{"id", i}, {"text", text}, {"label", label}}) + "\n";
  }
  return out;
}

std::string dataset_card(const RepoRecord& repo, const json::object& card, const std::vector<std::string>& paths) {
  std::string md = "\n# " + display_title(repo) + "\n\n" + display_title(repo) +
                   " is a demo dataset of short labelled sentences, published by **" + repo.author + "**.\n\n";
  md += "## Files\n\n| Split | File | Rows |\n|---|---|---|\n";
  for (const std::string& p : paths)
    md += std::string("| ") + (p.find("test") != std::string::npos ? "test" : "train") + " | [" + p + "](" + p +
          ") | 40 |\n";
  md += "\n## Loading\n\n```python\nfrom datasets import load_dataset\n\nds = load_dataset(\"" + repo.id +
        "\")\nprint(ds[\"train\"][0])\n```\n\n";
  md += "## Fields\n\n- `id`: the row number\n- `text`: a sentence\n- `label`: positive, neutral or negative\n\n";
  if (const json::value* license = card.if_contains("license"); license && license->is_string())
    md += "## License\n\n" + std::string(license->get_string()) + "\n";
  return md;
}

std::string app_py(const RepoRecord& repo, const std::string& sdk) {
  if (sdk == "streamlit")
    return "import streamlit as st\n\nst.title(\"" + display_title(repo) +
           "\")\nname = st.text_input(\"Your name\", \"world\")\nst.write(f\"Hello, {name}!\")\n";
  return "import gradio as gr\n\n\ndef greet(name: str) -> str:\n    return f\"Hello, {name}!\"\n\n\ndemo = "
         "gr.Interface(fn=greet, "
         "inputs=\"text\", outputs=\"text\", title=\"" +
         display_title(repo) + "\")\n\nif __name__ == \"__main__\":\n    demo.launch()\n";
}

}  // namespace

DemoRepoContent dataset_content(const RepoRecord& repo) {
  DemoRepoContent c;
  c.upload_summary = "Upload dataset";
  std::vector<std::string> paths = data_paths(repo);
  json::object card = demo_card_data(repo);
  json::array train, test;
  for (const std::string& p : paths) (p.find("test") != std::string::npos ? test : train).emplace_back(p);
  json::array files{{{"split", "train"}, {"path", train}}};
  if (!test.empty()) files.push_back({{"split", "test"}, {"path", test}});
  card["configs"] = json::array{{{"config_name", "default"}, {"data_files", std::move(files)}}};
  for (size_t i = 0; i < paths.size(); ++i) c.upload.push_back({paths[i], data_file(paths[i], i), false});
  std::string front = yaml_front_matter(card);
  c.upload.push_back({"README.md", front + "\n# " + display_title(repo) + "\n"});
  c.readme = front + dataset_card(repo, card, paths);
  c.branch_summary = "Add a validation note";
  c.branch_change = {"README.md", c.readme + "\n## Validation\n\nA validation split is being prepared.\n"};
  return c;
}

DemoRepoContent space_content(const RepoRecord& repo) {
  DemoRepoContent c;
  c.upload_summary = "Add application file";
  json::object card = demo_card_data(repo);
  std::string sdk = card.contains("sdk") && card["sdk"].is_string() ? std::string(card["sdk"].get_string()) : "gradio";
  if (sdk == "static") {
    c.upload.push_back({"index.html", "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" +
                                          display_title(repo) + "</title></head>\n<body><h1>" + display_title(repo) +
                                          "</h1><p>A static demo space.</p></body>\n</html>\n"});
  } else {
    c.upload.push_back({"app.py", app_py(repo, sdk == "docker" ? "gradio" : sdk)});
    c.upload.push_back({"requirements.txt", sdk == "streamlit" ? "streamlit==1.41.0\n" : "gradio==5.9.1\n"});
    if (sdk == "docker")
      c.upload.push_back({"Dockerfile",
                          "FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r "
                          "requirements.txt\nEXPOSE 7860\nCMD [\"python\", \"app.py\"]\n"});
  }
  std::string front = yaml_front_matter(card);
  c.upload.push_back({"README.md", front + "\n# " + display_title(repo) + "\n"});
  c.readme = front + "\n# " + display_title(repo) + "\n\nA " + sdk + " space by **" + repo.author +
             "**. Check out the configuration reference at "
             "[the Spaces docs](https://huggingface.co/docs/hub/spaces-config-reference).\n";
  c.branch_summary = "Try a dark theme";
  c.branch_change = {"README.md", c.readme + "\nA dark theme is being tried on this branch.\n"};
  return c;
}

DemoRepoContent demo_repo_content(const RepoRecord& repo) {
  switch (repo.type) {
    case RepoType::Model:
      return model_content(repo);
    case RepoType::Dataset:
      return dataset_content(repo);
    case RepoType::Space:
      return space_content(repo);
  }
  return {};
}

}  // namespace hfhub::server::demo
