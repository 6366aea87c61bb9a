// What rendering a repo card costs (render_card_html: front matter split, cmark-gfm in unsafe
// mode, libxml2's HTML parse and the allowlist walk), for a 20 KB README shaped like the Hub's
// popular model cards: front matter, raw HTML header, tables, code, images, details, lists. Also
// the two halves alone, to see which one dominates.
//
//   build/test/bench/micro_bench --benchmark_filter=CardHtml
#include <benchmark/benchmark.h>

#include <string>

#include "server/metadata/card_html.h"
#include "server/metadata/card_url.h"
#include "server/metadata/html_sanitizer.h"
#include "server/metadata/markdown_html.h"

namespace {

using namespace hfhub::server;

std::string section(int i) {
  std::string n = std::to_string(i);
  return "## Section " + n + "\n\n" +
         "This model was trained on **web text** and _code_; see [the paper](https://arxiv.org/abs/2401." + n +
         ") and the [config](config.json). Results: $\\mathrm{acc} = 0.9" + n + "$.\n\n" +
         "| Benchmark | Score | Notes |\n|:--|--:|---|\n| MMLU | 6" + n + ".1 | 5-shot |\n| GSM8K | 5" + n +
         ".3 | <sup>1</sup> |\n| HumanEval | 3" + n + ".0 | pass@1 |\n\n" +
         "```python\nfrom transformers import AutoModelForCausalLM\nmodel = AutoModelForCausalLM.from_pretrained(\"acme/llm\")\n"
         "print(model(\"<b>hi</b>\"))\n```\n\n" +
         "<details><summary>Training details " + n + "</summary>\n\n- lr: 3e-4\n- batch: 512\n- [x] done\n\n</details>\n\n" +
         "<p align=\"center\"><img src=\"assets/plot" + n + ".png\" width=\"600\" alt=\"plot\"></p>\n\n";
}

std::string readme_20kb() {
  std::string out =
      "---\nlicense: apache-2.0\nlanguage: [en, fr]\ndatasets: [acme/web]\nbase_model: acme/base\n"
      "pipeline_tag: text-generation\nlibrary_name: transformers\ntags: [llama, chat]\n---\n"
      "<div align=\"center\">\n<img src=\"https://example.com/logo.png\" width=\"300\">\n</div>\n\n# Acme LLM\n\n";
  for (int i = 0; out.size() < 20'000; ++i) out += section(i);
  return out;
}

const CardUrlBase kBase{"acme/llm", "main"};

void CardHtmlRender20KB(benchmark::State& state) {
  std::string readme = readme_20kb();
  for (auto _ : state) benchmark::DoNotOptimize(render_card_html(readme, kBase));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * readme.size()));
}
BENCHMARK(CardHtmlRender20KB);

void CardHtmlMarkdownOnly20KB(benchmark::State& state) {
  std::string readme = readme_20kb();
  for (auto _ : state) benchmark::DoNotOptimize(markdown_to_unsafe_html(readme));
}
BENCHMARK(CardHtmlMarkdownOnly20KB);

void CardHtmlSanitizeOnly20KB(benchmark::State& state) {
  std::string html = markdown_to_unsafe_html(readme_20kb());
  UrlFilter urls = [](std::string_view url, UrlUse use) { return card_url(url, use, kBase); };
  for (auto _ : state) benchmark::DoNotOptimize(sanitize_html(html, urls));
}
BENCHMARK(CardHtmlSanitizeOnly20KB);

}  // namespace
