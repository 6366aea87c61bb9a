#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "server/metadata/front_matter.h"
#include "server/metadata/repo_metadata.h"
#include "server/metadata/safetensors_header.h"
#include "server/metadata/yaml_validation.h"

namespace hfhub::server {
namespace {

namespace json = boost::json;
using Tags = std::vector<std::string>;

// A .safetensors file: little-endian u64 header length, the JSON header, then (fake) tensor data.
std::string safetensors_file(const std::string& header_json, size_t data_bytes = 16) {
  std::string out;
  uint64_t n = header_json.size();
  for (int i = 0; i < 8; ++i) out.push_back(char((n >> (8 * i)) & 0xff));
  return out + header_json + std::string(data_bytes, '\0');
}

// An in-memory repo; files listed in `lfs` are LFS files whose stored blob is a pointer.
struct FakeRepo {
  std::map<std::string, std::string> contents;
  std::map<std::string, int64_t> lfs;  // path → real size
  mutable std::vector<std::pair<std::string, size_t>> reads;

  RepoFiles view() const {
    RepoFiles r;
    for (const auto& [path, content] : contents) {
      RepoFile f{path, int64_t(content.size()), "0123456789abcdef0123456789abcdef01234567", std::nullopt, std::nullopt};
      if (auto it = lfs.find(path); it != lfs.end()) {
        f.size = it->second;
        f.lfs_sha256 = std::string(64, 'a');
        f.lfs_size = it->second;
      }
      r.files.push_back(std::move(f));
    }
    r.read_prefix = [this](std::string_view path, size_t max_bytes) -> std::optional<std::string> {
      reads.emplace_back(std::string(path), max_bytes);
      auto it = contents.find(std::string(path));
      if (it == contents.end()) return std::nullopt;
      return it->second.substr(0, max_bytes);
    };
    return r;
  }
};

constexpr const char* kLlamaCard = R"(---
language:
- en
- de
- fr
license: llama3.1
base_model: meta-llama/Llama-3.1-8B
datasets:
- HuggingFaceH4/ultrachat_200k
pipeline_tag: text-generation
library_name: transformers
tags:
- facebook
- meta
- pytorch
- llama-3
extra_gated_prompt: "You agree to the Llama 3.1 Community License."
model-index:
- name: my-llama
  results: []
---

# My Llama

A fine-tune of Llama 3.1 8B.
)";

// ---- front matter ----------------------------------------------------------------------------

TEST(MetadataFrontMatter, SplitsYamlFromBody) {
  ReadmeParts p = split_readme("---\nlicense: mit\ntags: [a]\n---\n# Title\nbody\n");
  ASSERT_TRUE(p.front_matter);
  EXPECT_EQ(*p.front_matter, "license: mit\ntags: [a]");
  EXPECT_EQ(p.body, "# Title\nbody\n");
}

TEST(MetadataFrontMatter, ToleratesCrlfBomAndLeadingBlankLines) {
  auto crlf = front_matter("---\r\nlicense: mit\r\n---\r\nbody");
  ASSERT_TRUE(crlf);
  EXPECT_EQ(*crlf, "license: mit");
  auto bom = front_matter("\xEF\xBB\xBF---\nlicense: mit\n---  \n");
  ASSERT_TRUE(bom);
  EXPECT_EQ(*bom, "license: mit");
  EXPECT_EQ(front_matter("\n\n---\na: 1\n---\n").value_or("none"), "a: 1");
  EXPECT_EQ(front_matter("---\n---\nbody").value_or("none"), "");
  EXPECT_EQ(split_readme("---\na: 1\n---").body, "");
}

TEST(MetadataFrontMatter, NoFrontMatter) {
  EXPECT_FALSE(front_matter("# Title\n---\na: 1\n---\n"));  // not on the first line
  EXPECT_FALSE(front_matter("---\na: 1\nno closing fence\n"));
  EXPECT_FALSE(front_matter("----\na: 1\n----\n"));
  EXPECT_FALSE(front_matter("--- a\nb: 1\n---\n"));
  EXPECT_FALSE(front_matter(""));
  EXPECT_FALSE(front_matter("---"));
  EXPECT_EQ(split_readme("# Just text\n").body, "# Just text\n");
}

// ---- safetensors header ----------------------------------------------------------------------

TEST(SafetensorsHeader, CountsParametersPerDtype) {
  std::string file =
      safetensors_file(R"({"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},)"
                       R"("b":{"dtype":"BF16","shape":[4],"data_offsets":[24,32]}})");
  EXPECT_EQ(safetensors_header_extent(file.substr(0, 8)), file.size() - 16);
  SafetensorsHeaderResult r = parse_safetensors_header(file);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.counts.parameters.size(), 2u);
  EXPECT_EQ(r.counts.parameters.at("F32"), 6);
  EXPECT_EQ(r.counts.parameters.at("BF16"), 4);
  EXPECT_EQ(r.counts.total, 10);

  SafetensorsHeaderResult scalar = parse_safetensors_header(safetensors_file(R"({"s":{"dtype":"I64","shape":[]}})"));
  ASSERT_TRUE(scalar.ok) << scalar.error;
  EXPECT_EQ(scalar.counts.total, 1);
}

TEST(SafetensorsHeader, RejectsBadHeaders) {
  EXPECT_FALSE(safetensors_header_extent("short"));
  std::string huge(8, '\0');
  huge[3] = 0x10;  // 0x10000000 = 268 MB > 25 MB
  EXPECT_FALSE(safetensors_header_extent(huge));
  EXPECT_FALSE(parse_safetensors_header(huge).ok);

  std::string file = safetensors_file(R"({"w":{"dtype":"F32","shape":[2]}})");
  EXPECT_FALSE(parse_safetensors_header(file.substr(0, 12)).ok);  // cut short
  EXPECT_FALSE(parse_safetensors_header(safetensors_file("not json")).ok);
  EXPECT_FALSE(parse_safetensors_header(safetensors_file("[1]")).ok);
  EXPECT_FALSE(parse_safetensors_header(safetensors_file(R"({"w":{"shape":[2]}})")).ok);
  EXPECT_FALSE(parse_safetensors_header(safetensors_file(R"({"w":{"dtype":"F32","shape":[-1]}})")).ok);
  SafetensorsHeaderResult overflow =
      parse_safetensors_header(safetensors_file(R"({"w":{"dtype":"F32","shape":[4294967296,4294967296]}})"));
  EXPECT_FALSE(overflow.ok);
  EXPECT_NE(overflow.error.find("overflow"), std::string::npos);
}

// ---- derivation ------------------------------------------------------------------------------

FakeRepo llama_repo() {
  FakeRepo repo;
  repo.contents["README.md"] = kLlamaCard;
  repo.contents[".gitattributes"] = "*.safetensors filter=lfs diff=lfs merge=lfs -text\n";
  repo.contents["config.json"] =
      R"({"architectures":["LlamaForCausalLM"],"model_type":"llama","hidden_size":4096,"num_hidden_layers":32})";
  repo.contents["tokenizer_config.json"] =
      R"({"bos_token":"<|begin_of_text|>","eos_token":"<|eot_id|>","pad_token":null,)"
      R"("chat_template":"{% for m in messages %}{{ m.content }}{% endfor %}","model_max_length":131072})";
  repo.contents["model.safetensors.index.json"] =
      R"({"metadata":{"total_size":56},"weight_map":{"w":"model-00001-of-00002.safetensors",)"
      R"("b":"model-00002-of-00002.safetensors","w2":"model-00001-of-00002.safetensors"}})";
  repo.contents["model-00001-of-00002.safetensors"] =
      safetensors_file(R"({"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}})", 24);
  repo.contents["model-00002-of-00002.safetensors"] =
      safetensors_file(R"({"b":{"dtype":"BF16","shape":[4],"data_offsets":[0,8]}})", 8);
  // A consolidated copy of the same weights: the index keeps it from being counted twice.
  repo.contents["consolidated.safetensors"] = safetensors_file(R"({"all":{"dtype":"F32","shape":[100]}})", 400);
  repo.lfs["model-00001-of-00002.safetensors"] = 5'000'000'000;
  repo.lfs["model-00002-of-00002.safetensors"] = 3'000'000'000;
  repo.lfs["consolidated.safetensors"] = 8'000'000'000;
  return repo;
}

TEST(MetadataDerivation, LlamaStyleModel) {
  FakeRepo repo = llama_repo();
  DerivedMetadata m = derive_repo_metadata(RepoType::Model, repo.view());

  EXPECT_EQ(m.tags, (Tags{"transformers", "safetensors", "llama", "text-generation", "facebook", "meta", "pytorch",
                          "llama-3", "conversational", "en", "de", "fr", "dataset:HuggingFaceH4/ultrachat_200k",
                          "base_model:meta-llama/Llama-3.1-8B", "license:llama3.1", "region:us"}));
  EXPECT_EQ(m.pipeline_tag, "text-generation");
  EXPECT_EQ(m.library_name, "transformers");
  EXPECT_FALSE(m.sdk);

  json::object card = json::parse(m.card_data_json).as_object();
  EXPECT_EQ(card.at("license").as_string(), "llama3.1");
  EXPECT_EQ(json::serialize(card.at("language")), R"(["en","de","fr"])");
  EXPECT_EQ(card.at("model-index").as_array().at(0).as_object().at("name").as_string(), "my-llama");
  EXPECT_EQ(card.begin()->key(), "language");  // card order is kept

  EXPECT_EQ(json::parse(m.config_json),
            json::parse(R"({"architectures":["LlamaForCausalLM"],"model_type":"llama","tokenizer_config":{)"
                        R"("bos_token":"<|begin_of_text|>","eos_token":"<|eot_id|>",)"
                        R"("chat_template":"{% for m in messages %}{{ m.content }}{% endfor %}"}})"));
  EXPECT_EQ(json::parse(m.safetensors_json), json::parse(R"({"parameters":{"BF16":4,"F32":6},"total":10})"));

  int64_t small_files = 0;
  for (const char* p :
       {"README.md", ".gitattributes", "config.json", "tokenizer_config.json", "model.safetensors.index.json"})
    small_files += int64_t(repo.contents.at(p).size());
  EXPECT_EQ(m.used_storage, small_files + 16'000'000'000);

  // Weight files are read only as far as their headers.
  for (const auto& [path, max_bytes] : repo.reads) {
    if (path.ends_with(".safetensors")) {
      EXPECT_LT(max_bytes, 200u) << path;
    }
  }
}

TEST(MetadataDerivation, SafetensorsWithoutIndexCountsRootFilesOnly) {
  FakeRepo repo;
  repo.contents["model.safetensors"] = safetensors_file(R"({"a":{"dtype":"F16","shape":[10,10]}})");
  repo.contents["extra.safetensors"] =
      safetensors_file(R"({"b":{"dtype":"F16","shape":[5]},"c":{"dtype":"I8","shape":[3]}})");
  repo.contents["unet/diffusion_pytorch_model.safetensors"] = safetensors_file(R"({"u":{"dtype":"F32","shape":[7]}})");
  DerivedMetadata m = derive_repo_metadata(RepoType::Model, repo.view());
  EXPECT_EQ(json::parse(m.safetensors_json), json::parse(R"({"parameters":{"F16":105,"I8":3},"total":108})"));
  EXPECT_EQ(m.tags, (Tags{"safetensors", "region:us"}));
  EXPECT_FALSE(m.library_name);
  EXPECT_EQ(m.config_json, "");  // no config.json
  EXPECT_EQ(m.card_data_json, "");
}

TEST(MetadataDerivation, BrokenShardLeavesSafetensorsEmpty) {
  FakeRepo repo = llama_repo();
  repo.contents["model-00002-of-00002.safetensors"] = "garbage!";
  EXPECT_EQ(derive_repo_metadata(RepoType::Model, repo.view()).safetensors_json, "");
  FakeRepo missing = llama_repo();
  missing.contents.erase("model-00002-of-00002.safetensors");
  EXPECT_EQ(derive_repo_metadata(RepoType::Model, missing.view()).safetensors_json, "");
}

TEST(MetadataDerivation, LibraryIsInferredFromFiles) {
  auto derive = [](std::map<std::string, std::string> contents) {
    FakeRepo repo;
    repo.contents = std::move(contents);
    return derive_repo_metadata(RepoType::Model, repo.view());
  };
  DerivedMetadata st = derive({{"modules.json", "[]"},
                               {"config_sentence_transformers.json", "{}"},
                               {"config.json", R"({"model_type":"bert","architectures":["BertModel"]})"},
                               {"pytorch_model.bin", "x"},
                               {"tf_model.h5", "x"},
                               {"onnx/model.onnx", "x"},
                               {"model.safetensors", "x"}});
  EXPECT_EQ(st.library_name, "sentence-transformers");
  EXPECT_EQ(st.tags, (Tags{"sentence-transformers", "pytorch", "tf", "onnx", "safetensors", "bert", "region:us"}));
  EXPECT_EQ(st.safetensors_json, "");  // "x" is no safetensors file

  EXPECT_EQ(derive({{"model_index.json", "{}"}}).library_name, "diffusers");
  EXPECT_EQ(derive({{"adapter_config.json", "{}"}, {"config.json", "{}"}}).library_name, "peft");
  EXPECT_EQ(derive({{"config.json", "not json"}}).library_name, "transformers");
  EXPECT_EQ(derive({{"config.json", "not json"}}).config_json, "");

  DerivedMetadata gguf = derive({{"llama-3.2-1b-q4_k_m.gguf", "GGUF"}});
  EXPECT_EQ(gguf.library_name, "gguf");
  EXPECT_EQ(gguf.tags, (Tags{"gguf", "region:us"}));

  // The card wins over the files, and repeats are dropped.
  DerivedMetadata card = derive({{"README.md", "---\nlibrary_name: mlx\ntags: [mlx, gguf]\nlicense: mit\n---\n"},
                                 {"model.gguf", "GGUF"},
                                 {"flax_model.msgpack", "x"}});
  EXPECT_EQ(card.library_name, "mlx");
  EXPECT_EQ(card.tags, (Tags{"mlx", "jax", "gguf", "license:mit", "region:us"}));
}

TEST(MetadataDerivation, InvalidOrOddCards) {
  FakeRepo repo;
  repo.contents["README.md"] = "---\nlicense: [unclosed\n---\n# body\n";
  DerivedMetadata bad = derive_repo_metadata(RepoType::Model, repo.view());
  EXPECT_EQ(bad.card_data_json, "");
  EXPECT_EQ(bad.tags, (Tags{"region:us"}));

  repo.contents["README.md"] = "---\n- a list\n---\n";
  EXPECT_EQ(derive_repo_metadata(RepoType::Model, repo.view()).card_data_json, "");

  // Wrong types are skipped, not fatal; a single string counts as a one-item list.
  repo.contents["README.md"] = "---\nlanguage: en\ntags: [ok, 5, {a: b}]\nlicense: {x: y}\npipeline_tag: 3\n---\n";
  DerivedMetadata odd = derive_repo_metadata(RepoType::Model, repo.view());
  EXPECT_EQ(odd.tags, (Tags{"ok", "en", "region:us"}));
  EXPECT_FALSE(odd.pipeline_tag);
  EXPECT_NE(odd.card_data_json, "");

  RepoFiles no_reader = repo.view();
  no_reader.read_prefix = nullptr;
  DerivedMetadata unreadable = derive_repo_metadata(RepoType::Model, no_reader);
  EXPECT_EQ(unreadable.card_data_json, "");
  EXPECT_EQ(unreadable.used_storage, int64_t(repo.contents["README.md"].size()));
}

TEST(MetadataDerivation, Dataset) {
  FakeRepo repo;
  repo.contents["README.md"] = R"(---
annotations_creators: [expert-generated]
language:
- en
- fr
license: mit
size_categories:
- 10K<n<100K
task_categories:
- text-classification
task_ids:
- sentiment-classification
pretty_name: Reviews
tags:
- sentiment
- reviews
library_name: transformers
---
# Reviews
)";
  repo.contents["data/train-00000-of-00001.parquet"] = "PAR1";
  repo.lfs["data/train-00000-of-00001.parquet"] = 123'456;
  repo.contents["config.json"] = R"({"model_type":"bert"})";  // means nothing in a dataset
  DerivedMetadata m = derive_repo_metadata(RepoType::Dataset, repo.view());
  EXPECT_EQ(m.tags, (Tags{"task_categories:text-classification", "task_ids:sentiment-classification",
                          "annotations_creators:expert-generated", "language:en", "language:fr", "license:mit",
                          "size_categories:10K<n<100K", "region:us", "sentiment", "reviews"}));
  EXPECT_FALSE(m.library_name);
  EXPECT_FALSE(m.pipeline_tag);
  EXPECT_EQ(m.config_json, "");
  EXPECT_EQ(m.safetensors_json, "");
  EXPECT_EQ(json::parse(m.card_data_json).as_object().at("pretty_name").as_string(), "Reviews");
  EXPECT_EQ(m.used_storage, int64_t(repo.contents["README.md"].size() + repo.contents["config.json"].size()) + 123'456);
}

TEST(MetadataDerivation, Space) {
  FakeRepo repo;
  repo.contents["README.md"] =
      "---\ntitle: Chat Demo\nemoji: 💬\ncolorFrom: blue\ncolorTo: red\nsdk: gradio\nsdk_version: 5.9.1\n"
      "app_file: app.py\npinned: false\ntags: [mcp-server]\nlicense: apache-2.0\n---\n";
  repo.contents["app.py"] = "import gradio\n";
  DerivedMetadata m = derive_repo_metadata(RepoType::Space, repo.view());
  EXPECT_EQ(m.sdk, "gradio");
  EXPECT_EQ(m.tags, (Tags{"gradio", "mcp-server", "region:us"}));
  json::object card = json::parse(m.card_data_json).as_object();
  EXPECT_EQ(card.at("sdk_version").as_string(), "5.9.1");
  EXPECT_EQ(card.at("pinned"), json::value(false));
  EXPECT_EQ(card.at("emoji").as_string(), "💬");

  FakeRepo bare;
  bare.contents["app.py"] = "x";
  DerivedMetadata b = derive_repo_metadata(RepoType::Space, bare.view());
  EXPECT_FALSE(b.sdk);
  EXPECT_EQ(b.tags, (Tags{"region:us"}));
}

// ---- validate-yaml ---------------------------------------------------------------------------

std::vector<std::string> messages(const json::object& report, std::string_view which) {
  std::vector<std::string> out;
  for (const json::value& m : report.at(which).as_array()) out.emplace_back(m.at("message").as_string());
  return out;
}

TEST(MetadataValidation, ValidCardHasNoFindings) {
  json::object r = validate_readme_yaml(kLlamaCard, RepoType::Model);
  EXPECT_TRUE(messages(r, "errors").empty()) << json::serialize(r);
  EXPECT_TRUE(messages(r, "warnings").empty()) << json::serialize(r);
}

TEST(MetadataValidation, InvalidYamlReportsTheReadmeLine) {
  json::object r =
      validate_readme_yaml("---\nlicense: mit\ntags:\n  - a\n  bad: value\n---\n# body\n", RepoType::Model);
  auto errors = messages(r, "errors");
  ASSERT_EQ(errors.size(), 1u) << json::serialize(r);
  EXPECT_NE(errors[0].find("at line 5"), std::string::npos) << errors[0];  // line 4 of the YAML, 5 of the README
  EXPECT_TRUE(messages(r, "warnings").empty());
}

TEST(MetadataValidation, FrontMatterMustBeAMapping) {
  auto errors = messages(validate_readme_yaml("---\n- a\n- b\n---\n", RepoType::Model), "errors");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("mapping"), std::string::npos);
  EXPECT_NE(errors[0].find("a list"), std::string::npos);
}

TEST(MetadataValidation, FieldTypes) {
  json::object r = validate_readme_yaml(
      "---\ntags: 5\nlanguage: [en, 3]\nlicense: [mit]\npipeline_tag: text-generation\nlibrary_name: [a]\n"
      "base_model: {id: x}\ndatasets: squad\nmodel-index: {name: x}\n---\n",
      RepoType::Model);
  auto errors = messages(r, "errors");
  EXPECT_EQ(errors, (std::vector<std::string>{
                        "\"tags\" must be a string or a list of strings, not a number",
                        "\"language\" must be a string or a list of strings, not a list",
                        "\"license\" must be a string, not a list",
                        "\"base_model\" must be a string or a list of strings, not a mapping",
                        "\"library_name\" must be a string, not a list",
                        "\"model-index\" must be a list, not a mapping",
                    }));

  auto index_errors = messages(
      validate_readme_yaml("---\nmodel-index:\n- name: m\n  results: []\n- results: 1\n- x\n---\n", RepoType::Model),
      "errors");
  EXPECT_EQ(index_errors.size(), 3u);
}

TEST(MetadataValidation, EmptyMetadataIsAWarning) {
  for (const char* readme : {"# No metadata\n", "---\n---\n# Empty\n", "---\n{}\n---\n", "---\n# comment\n---\n"}) {
    json::object r = validate_readme_yaml(readme, RepoType::Model);
    EXPECT_TRUE(messages(r, "errors").empty()) << readme;
    auto warnings = messages(r, "warnings");
    ASSERT_EQ(warnings.size(), 1u) << readme;
    EXPECT_NE(warnings[0].find("Empty or missing yaml metadata"), std::string::npos);
  }
}

TEST(MetadataValidation, DatasetAndSpaceFields) {
  auto dataset =
      messages(validate_readme_yaml("---\ntask_categories: 1\nsize_categories: [10K<n<100K]\n---\n", RepoType::Dataset),
               "errors");
  EXPECT_EQ(dataset,
            (std::vector<std::string>{"\"task_categories\" must be a string or a list of strings, not a number"}));

  auto space = validate_readme_yaml("---\nsdk: flask\npinned: yes\n---\n", RepoType::Space);
  EXPECT_EQ(messages(space, "errors"),
            (std::vector<std::string>{"\"pinned\" must be a boolean, not a string",
                                      "\"sdk\" must be one of gradio, streamlit, docker, static, not \"flask\""}));
  auto no_sdk = validate_readme_yaml("---\ntitle: x\n---\n", RepoType::Space);
  EXPECT_TRUE(messages(no_sdk, "errors").empty());
  EXPECT_EQ(messages(no_sdk, "warnings").size(), 1u);
  EXPECT_TRUE(messages(validate_readme_yaml("---\nsdk: docker\n---\n", RepoType::Space), "errors").empty());
}

}  // namespace
}  // namespace hfhub::server
