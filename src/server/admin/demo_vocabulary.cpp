#include "server/admin/demo_vocabulary.h"

#include "common/split.h"

namespace hfhub::server::demo {

std::vector<std::string> words(std::string_view text) {
  auto parts = split(text, ' ', true);
  return {parts.begin(), parts.end()};
}

namespace {

// One split per list, on first use.
template <const std::string_view& Text>
const std::vector<std::string>& split_once() {
  static const std::vector<std::string> v = words(Text);
  return v;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Accounts

constexpr std::string_view kFirstNames =
    "alice bruno chen dana emeka farah gabriel hana ivan jia kofi lena mateo nadia omar priya quentin rosa "
    "sven tomoko umar vera wei ximena yusuf zoe arjun beatriz carlos dmitri elif felix greta hugo ines jonas "
    "kenji lucia mikko noor";
const std::vector<std::string>& first_names() { return split_once<kFirstNames>(); }

constexpr std::string_view kLastNames =
    "chen garcia novak okafor petrov silva tanaka muller rossi kim nguyen haddad kowalski larsen moreau patel "
    "ramirez schmidt dubois ivanova jensen kaur lindqvist mensah nakamura oliveira popescu quispe reyes sato "
    "torres urban varga weber yilmaz zhang abbasi bianchi costa demir";
const std::vector<std::string>& last_names() { return split_once<kLastNames>(); }

constexpr std::string_view kOrgNames =
    "openlab-ai northwind-ml lumen-research bluefin-labs cascade-ai deepgrove orbit-nlp tensorforge polaris-ai "
    "mosaic-speech pixelcraft-studio vectorhouse sapling-ai quanta-lab riverbend-ai helix-ml atlas-vision "
    "kestrel-ai nimbus-models fjord-ai tidewater-ai ember-labs granite-nlp meridian-ai";
const std::vector<std::string>& org_names() { return split_once<kOrgNames>(); }

// ---------------------------------------------------------------------------------------------
// Model families

namespace {

const Family kFamilies[] = {
    {"Llama-3.1", "llama", "LlamaForCausalLM", "AutoModelForCausalLM", "text-generation", "transformers", "8B 70B",
     "Instruct _", "llama3.1", Lineage::Llm, true, 4},
    {"Llama-3.2", "llama", "LlamaForCausalLM", "AutoModelForCausalLM", "text-generation", "transformers", "1B 3B",
     "Instruct _", "llama3.2", Lineage::Llm, true, 3},
    {"Qwen2.5", "qwen2", "Qwen2ForCausalLM", "AutoModelForCausalLM", "text-generation", "transformers",
     "0.5B 1.5B 7B 14B 32B 72B", "Instruct _", "apache-2.0", Lineage::Llm, true, 8},
    {"Qwen3", "qwen3", "Qwen3ForCausalLM", "AutoModelForCausalLM", "text-generation", "transformers",
     "0.6B 1.7B 4B 8B 14B 32B", "_ Base", "apache-2.0", Lineage::Llm, true, 7},
    {"Mistral", "mistral", "MistralForCausalLM", "AutoModelForCausalLM", "text-generation", "transformers", "7B",
     "Instruct-v0.3 v0.3", "apache-2.0", Lineage::Llm, true, 3},
    {"gemma-2", "gemma2", "Gemma2ForCausalLM", "AutoModelForCausalLM", "text-generation", "transformers", "2b 9b 27b",
     "it _", "gemma", Lineage::Llm, true, 3},
    {"Phi-3.5", "phi3", "Phi3ForCausalLM", "AutoModelForCausalLM", "text-generation", "transformers", "mini",
     "instruct", "mit", Lineage::Llm, true, 2},
    {"SmolLM2", "llama", "LlamaForCausalLM", "AutoModelForCausalLM", "text-generation", "transformers",
     "135M 360M 1.7B", "Instruct _", "apache-2.0", Lineage::Llm, true, 2},
    {"Qwen2.5-VL", "qwen2_5_vl", "Qwen2_5_VLForConditionalGeneration", "AutoModelForImageTextToText",
     "image-text-to-text", "transformers", "3B 7B 72B", "Instruct", "apache-2.0", Lineage::Llm, true, 4},
    {"llava-v1.6", "llava_next", "LlavaNextForConditionalGeneration", "AutoModelForImageTextToText",
     "image-text-to-text", "transformers", "7b 13b", "hf", "apache-2.0", Lineage::Llm, true, 2},
    {"stable-diffusion-xl", "", "StableDiffusionXLPipeline", "", "text-to-image", "diffusers", "base-1.0", "_",
     "openrail++", Lineage::Diffusion, false, 6},
    {"FLUX.1", "", "FluxPipeline", "", "text-to-image", "diffusers", "dev schnell", "_", "other", Lineage::Diffusion,
     false, 7},
    {"Wan2.1", "", "WanPipeline", "", "text-to-video", "diffusers", "T2V-1.3B T2V-14B", "_", "apache-2.0",
     Lineage::Diffusion, false, 1},
    {"bge", "bert", "BertModel", "AutoModel", "feature-extraction", "sentence-transformers", "small base large",
     "en-v1.5", "mit", Lineage::Encoder, false, 5},
    {"all-MiniLM", "bert", "BertModel", "AutoModel", "sentence-similarity", "sentence-transformers", "L6 L12", "v2",
     "apache-2.0", Lineage::Encoder, false, 4},
    {"bge-reranker", "xlm-roberta", "XLMRobertaForSequenceClassification", "AutoModelForSequenceClassification",
     "text-ranking", "sentence-transformers", "base large", "_", "mit", Lineage::Encoder, false, 1},
    {"whisper", "whisper", "WhisperForConditionalGeneration", "AutoModelForSpeechSeq2Seq",
     "automatic-speech-recognition", "transformers", "tiny base small medium large-v3", "_", "apache-2.0",
     Lineage::Encoder, false, 6},
    {"wav2vec2", "wav2vec2", "Wav2Vec2ForCTC", "AutoModelForCTC", "automatic-speech-recognition", "transformers",
     "base large", "960h", "apache-2.0", Lineage::Encoder, false, 2},
    {"bert-base", "bert", "BertForSequenceClassification", "AutoModelForSequenceClassification", "text-classification",
     "transformers", "uncased cased", "_", "apache-2.0", Lineage::Encoder, false, 3},
    {"deberta-v3", "deberta-v2", "DebertaV2ForSequenceClassification", "AutoModelForSequenceClassification",
     "text-classification", "transformers", "small base large", "_", "mit", Lineage::Encoder, false, 3},
    {"roberta", "roberta", "RobertaForTokenClassification", "AutoModelForTokenClassification", "token-classification",
     "transformers", "base large", "ner", "mit", Lineage::Encoder, false, 2},
    {"ModernBERT", "modernbert", "ModernBertForMaskedLM", "AutoModelForMaskedLM", "fill-mask", "transformers",
     "base large", "_", "apache-2.0", Lineage::Encoder, false, 2},
    {"vit", "vit", "ViTForImageClassification", "AutoModelForImageClassification", "image-classification",
     "transformers", "base-patch16-224 large-patch16-224", "_", "apache-2.0", Lineage::Encoder, false, 2},
    {"convnext", "", "", "", "image-classification", "timm", "tiny small base", "in22k", "apache-2.0", Lineage::Encoder,
     false, 1},
    {"detr", "detr", "DetrForObjectDetection", "AutoModelForObjectDetection", "object-detection", "transformers",
     "resnet-50 resnet-101", "_", "apache-2.0", Lineage::Encoder, false, 1},
    {"clip", "clip", "CLIPModel", "AutoModelForZeroShotImageClassification", "zero-shot-image-classification",
     "transformers", "vit-base-patch32 vit-large-patch14", "_", "mit", Lineage::Encoder, false, 1},
    {"opus-mt", "marian", "MarianMTModel", "AutoModelForSeq2SeqLM", "translation", "transformers",
     "en-fr en-de en-es de-en fr-en", "_", "apache-2.0", Lineage::Encoder, false, 2},
    {"bart", "bart", "BartForConditionalGeneration", "AutoModelForSeq2SeqLM", "summarization", "transformers",
     "large-cnn", "_", "mit", Lineage::Encoder, false, 1},
    {"speecht5", "speecht5", "SpeechT5ForTextToSpeech", "AutoModelForTextToSpectrogram", "text-to-speech",
     "transformers", "tts", "_", "mit", Lineage::Encoder, false, 1},
    {"ppo", "", "", "", "reinforcement-learning", "stable-baselines3", "LunarLander-v2 CartPole-v1 Pendulum-v1", "_",
     "mit", Lineage::Standalone, false, 2},
    {"act", "", "", "", "robotics", "lerobot", "so100-pick-place aloha-insertion", "_", "apache-2.0",
     Lineage::Standalone, false, 1},
    {"tabular-xgb", "", "", "", "tabular-classification", "sklearn", "churn credit-risk", "_", "mit",
     Lineage::Standalone, false, 1},
};

}  // namespace

std::span<const Family> model_families() { return kFamilies; }

constexpr std::string_view kTopics =
    "medqa math code legal finance chat roleplay tool-calling reasoning summarize translate-fr customer-support "
    "sql tiny-stories arabic-news receipts-ocr recipes math-word-problems biology physics poetry japanese "
    "korean german spanish hindi swahili safety instruct-mix agentic";
const std::vector<std::string>& topics() { return split_once<kTopics>(); }

constexpr std::string_view kImageStyles =
    "watercolor pixel-art anime film-noir claymation isometric vaporwave sketch oil-painting cyberpunk "
    "product-photo logo-design ghibli-style low-poly neon";
const std::vector<std::string>& image_styles() { return split_once<kImageStyles>(); }

// ---------------------------------------------------------------------------------------------
// Datasets

namespace {

const FoundationDataset kFoundationDatasets[] = {
    {"wiki-clean-en", "text-generation", "text", "parquet", "1M<n<10M", "cc-by-sa-4.0", "en"},
    {"code-instructions", "text-generation", "text", "json", "100K<n<1M", "apache-2.0", "en"},
    {"math-reasoning-traces", "question-answering", "text", "parquet", "100K<n<1M", "mit", "en"},
    {"multilingual-chat", "text-generation", "text", "parquet", "1M<n<10M", "apache-2.0", "en fr de es zh ja"},
    {"speech-commands-mini", "automatic-speech-recognition", "audio", "audiofolder", "10K<n<100K", "cc-by-4.0", "en"},
    {"street-scenes-captions", "image-to-text", "image", "imagefolder", "100K<n<1M", "cc-by-4.0", "en"},
    {"product-reviews-sentiment", "text-classification", "text", "csv", "100K<n<1M", "cc-by-nc-4.0", "en"},
    {"news-summaries", "summarization", "text", "json", "100K<n<1M", "odc-by", "en"},
    {"preference-pairs", "text-generation", "text", "parquet", "10K<n<100K", "mit", "en"},
    {"legal-qa-fr", "question-answering", "text", "parquet", "10K<n<100K", "cc-by-4.0", "fr"},
    {"medical-dialogues", "text-generation", "text", "json", "10K<n<100K", "cc-by-nc-sa-4.0", "en"},
    {"retail-sales-tabular", "tabular-classification", "tabular", "csv", "1M<n<10M", "cc0-1.0", ""},
    {"robot-pick-place", "robotics", "video", "parquet", "10K<n<100K", "apache-2.0", ""},
    {"parallel-en-de", "translation", "text", "parquet", "1M<n<10M", "cc-by-4.0", "en de"},
    {"object-boxes", "object-detection", "image", "imagefolder", "100K<n<1M", "cc-by-4.0", ""},
    {"web-crawl-deduped", "text-generation", "text", "parquet", "100M<n<1B", "odc-by", "en"},
};

const Weighted kDatasetTasks[] = {
    {"text-generation", 30},
    {"question-answering", 10},
    {"text-classification", 10},
    {"summarization", 4},
    {"translation", 4},
    {"image-classification", 6},
    {"automatic-speech-recognition", 4},
    {"image-to-text", 4},
    {"object-detection", 3},
    {"tabular-classification", 3},
    {"token-classification", 3},
    {"text-to-image", 3},
    {"feature-extraction", 2},
    {"robotics", 2},
    {"visual-question-answering", 2},
    {"time-series-forecasting", 2},
    {"", 8},  // "" = any other task the taxonomy offers datasets
};

}  // namespace

std::span<const FoundationDataset> foundation_datasets() { return kFoundationDatasets; }
std::span<const Weighted> dataset_task_weights() { return kDatasetTasks; }

constexpr std::string_view kDatasetSizeCategories = "n<1K 1K<n<10K 10K<n<100K 100K<n<1M 1M<n<10M 10M<n<100M";
const std::vector<std::string>& dataset_size_categories() { return split_once<kDatasetSizeCategories>(); }

constexpr std::string_view kDatasetNameSuffixes = "instructions sft dpo eval raw cleaned synthetic v2 benchmark";
const std::vector<std::string>& dataset_name_suffixes() { return split_once<kDatasetNameSuffixes>(); }

// ---------------------------------------------------------------------------------------------
// Spaces

namespace {

const Weighted kSdks[] = {{"gradio", 70}, {"docker", 15}, {"streamlit", 10}, {"static", 5}};

}  // namespace

std::span<const Weighted> space_sdk_weights() { return kSdks; }

constexpr std::string_view kSpaceSubjects =
    "chat whisper flux sdxl bge llama qwen pdf voice image video code leaderboard arena ocr translate";
const std::vector<std::string>& space_subjects() { return split_once<kSpaceSubjects>(); }

constexpr std::string_view kSpaceAppWords = "demo playground studio app explorer bot tool dashboard";
const std::vector<std::string>& space_app_words() { return split_once<kSpaceAppWords>(); }

constexpr std::string_view kSpaceEmojis = "🚀 🤗 🔥 🎨 🧠 📚 🎙️ 🖼️ ⚡ 🦙";
const std::vector<std::string>& space_emojis() { return split_once<kSpaceEmojis>(); }

constexpr std::string_view kSpaceColors = "red yellow green blue indigo purple pink gray";
const std::vector<std::string>& space_colors() { return split_once<kSpaceColors>(); }

constexpr std::string_view kSpaceRuntimeStages =
    "RUNNING RUNNING RUNNING SLEEPING SLEEPING PAUSED RUNTIME_ERROR BUILD_ERROR";
const std::vector<std::string>& space_runtime_stages() { return split_once<kSpaceRuntimeStages>(); }

}  // namespace hfhub::server::demo
