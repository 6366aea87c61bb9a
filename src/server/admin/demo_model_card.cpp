// The body of a demo model card (demo_files.h): what a Hub model card holds, written from the
// row and its card metadata — headings, a details table, a usage snippet, links to the base
// model and datasets, and the evaluation chart stored in the repo.
#include <cstdio>
#include <string>

#include <boost/json.hpp>

#include "server/admin/demo_files.h"

namespace hfhub::server::demo {

namespace json = boost::json;

namespace {

std::string field(const json::object& card, const char* key, std::string fallback = "—") {
  const json::value* v = card.if_contains(key);
  if (!v) return fallback;
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_array()) {
    std::string out;
    for (const json::value& item : v->get_array())
      if (item.is_string()) out += (out.empty() ? "" : ", ") + std::string(item.get_string());
    return out.empty() ? fallback : out;
  }
  return json::serialize(*v);
}

std::string usage(const RepoRecord& repo) {
  const std::string library = repo.library_name.value_or("transformers");
  if (library == "diffusers")
    return "```python\nimport torch\nfrom diffusers import DiffusionPipeline\n\npipe = "
           "DiffusionPipeline.from_pretrained(\"" +
           repo.id + "\", torch_dtype=torch.float16)\nimage = pipe(\"an astronaut riding a horse\").images[0]\n```\n";
  if (library == "sentence-transformers")
    return "```python\nfrom sentence_transformers import SentenceTransformer\n\nmodel = SentenceTransformer(\"" +
           repo.id +
           "\")\nembeddings = model.encode([\"The hub hosts models.\", \"Models live on the "
           "hub.\"])\nprint(embeddings.shape)\n```\n";
  if (library == "peft")
    return "```python\nfrom peft import AutoPeftModelForCausalLM\n\nmodel = "
           "AutoPeftModelForCausalLM.from_pretrained(\"" +
           repo.id + "\")\n```\n";
  if (library == "gguf")
    return "```bash\nhf download " + repo.id +
           " --include \"*Q4_K_M.gguf\" --local-dir .\nllama-cli -m ./*Q4_K_M.gguf -p \"Hello\"\n```\n";
  return "```python\nfrom transformers import pipeline\n\npipe = pipeline(\"" +
         repo.pipeline_tag.value_or("text-generation") + "\", model=\"" + repo.id +
         "\")\nprint(pipe(\"Hello, world\"))\n```\n\nOr download the files with the CLI:\n\n"
         "```bash\nhfhub download " +
         repo.id + "\n```\n";
}

std::string parameters_text(int64_t parameters) {
  if (parameters <= 0) return "—";
  char text[32];
  if (parameters >= 1'000'000)
    std::snprintf(text, sizeof text, "%.1fM", double(parameters) / 1e6);
  else
    std::snprintf(text, sizeof text, "%.1fk", double(parameters) / 1e3);
  return text;
}

std::string links(const json::object& card) {
  std::string out;
  if (const json::value* base = card.if_contains("base_model"); base && base->is_string())
    out += "- Fine-tuned from [" + std::string(base->get_string()) + "](/" + std::string(base->get_string()) + ").\n";
  if (const json::value* datasets = card.if_contains("datasets"); datasets && datasets->is_array())
    for (const json::value& d : datasets->get_array())
      if (d.is_string())
        out += "- Trained on [" + std::string(d.get_string()) + "](/datasets/" + std::string(d.get_string()) + ").\n";
  out += "- Model cards: [the Hub's guide](https://huggingface.co/docs/hub/model-cards).\n";
  return out;
}

std::string role_of(std::string_view path) {
  if (path == "README.md") return "this card";
  if (path == "config.json") return "the architecture";
  if (path.starts_with("tokenizer") || path == "special_tokens_map.json") return "the tokenizer";
  if (path == "generation_config.json") return "default generation settings";
  if (path.ends_with(".safetensors")) return "weights (safetensors, stored with LFS)";
  if (path.ends_with(".index.json")) return "which weights file holds each tensor";
  if (path.ends_with(".gguf")) return "quantized weights for llama.cpp";
  if (path.ends_with(".onnx")) return "an ONNX export";
  return "configuration";
}

}  // namespace

std::string model_card_body(const RepoRecord& repo, const json::object& card, int64_t parameters) {
  const std::string title = display_title(repo);
  std::string md = "\n# " + title + "\n\n";
  md += title + " is a " + field(card, "pipeline_tag", "general-purpose") + " model published by **" + repo.author +
        "**. This repository is part of the hfhub demo catalog: its weights are a scaled-down stand-in with the "
        "tensor names and shapes of the real architecture, so every tool that reads a Hub repository can open it.\n\n";
  md += "## Model details\n\n| Property | Value |\n|---|---|\n";
  md += "| Developed by | " + repo.author + " |\n";
  md += "| Task | " + field(card, "pipeline_tag") + " |\n";
  md += "| Library | " + field(card, "library_name", repo.library_name.value_or("—")) + " |\n";
  md += "| Parameters (demo weights) | " + parameters_text(parameters) + " |\n";
  md += "| Languages | " + field(card, "language") + " |\n";
  md += "| License | " + field(card, "license") + " |\n";
  md += "| Base model | " + field(card, "base_model") + " |\n\n";
  md +=
      "## Intended uses\n\n"
      "Exploring the hub: browsing files and history, downloading with `hf download` or `hfhub download`, "
      "loading the configuration and tokenizer, and reading the weights' header. The numbers in this card are "
      "illustrative.\n\n";
  md += "## How to use\n\n" + usage(repo) + "\n";
  md += "## Files\n\n| File | What it holds |\n|---|---|\n";
  for (const Sibling& s : repo.siblings)
    if (s.rfilename != ".gitattributes")
      md += "| [" + s.rfilename + "](" + s.rfilename + ") | " + role_of(s.rfilename) + " |\n";
  md += "\n";
  md += "## Training\n\n" + links(card) + "\n";
  md +=
      "Training ran for three epochs with a cosine schedule; the table lists the settings.\n\n"
      "| Setting | Value |\n|---|---|\n| Learning rate | 2e-5 |\n| Batch size | 64 |\n| Warmup steps | 500 |\n"
      "| Precision | bf16 |\n| Hardware | 8 × A100 80GB |\n\n";
  md +=
      "## Evaluation\n\n![Evaluation results](assets/eval.svg)\n\n"
      "Scores are made up for the demo: they show how a card's charts and tables render.\n\n";
  md +=
      "## Limitations\n\n"
      "- The demo weights produce noise: do not deploy them.\n"
      "- Outputs may reflect biases present in the training data.\n"
      "- Check the license before any commercial use.\n\n";
  md += "## Citation\n\n```bibtex\n@misc{" + repo.author + "_demo,\n  title  = {" + title + "},\n  author = {" +
        repo.author + "},\n  year   = {2025},\n  url    = {https://huggingface.co/" + repo.id + "}\n}\n```\n";
  return md;
}

}  // namespace hfhub::server::demo
