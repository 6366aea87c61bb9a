#include "hfhub/token_store.h"

#include <cstdlib>
#include <sstream>

#include "client/util/atomic_file.h"

namespace hfhub {

namespace fs = std::filesystem;
using client::read_file;
using client::write_file_atomic;

static std::string trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return std::string(s);
}

static std::optional<std::string> env_value(const char* name) {
  const char* v = std::getenv(name);
  if (!v) return std::nullopt;
  std::string t = trim(v);
  if (t.empty()) return std::nullopt;
  return t;
}

fs::path resolve_hf_home() {
  if (auto home = env_value("HF_HOME")) return fs::path(*home);
  if (auto xdg = env_value("XDG_CACHE_HOME")) return fs::path(*xdg) / "huggingface";
  const char* user_home = std::getenv("HOME");
  return fs::path(user_home ? user_home : ".") / ".cache" / "huggingface";
}

TokenStore::TokenStore(fs::path token_path, fs::path stored_tokens_path)
    : token_path_(std::move(token_path)), stored_tokens_path_(std::move(stored_tokens_path)) {}

TokenStore TokenStore::in_home(const fs::path& hf_home) {
  return TokenStore(hf_home / "token", hf_home / "stored_tokens");
}

TokenStore TokenStore::from_env() {
  fs::path home = resolve_hf_home();
  auto token_path = env_value("HF_TOKEN_PATH");
  auto stored_path = env_value("HF_STORED_TOKENS_PATH");
  return TokenStore(token_path ? fs::path(*token_path) : home / "token",
                    stored_path ? fs::path(*stored_path) : home / "stored_tokens");
}

std::optional<std::string> TokenStore::active_token() const {
  auto content = read_file(token_path_);
  if (!content) return std::nullopt;
  std::string t = trim(*content);
  if (t.empty()) return std::nullopt;
  return t;
}

// configparser-style INI: [section] headers, "key = value" or "key: value", '#'/';' comments.
static std::map<std::string, std::string> parse_stored_tokens(std::string_view text) {
  std::map<std::string, std::string> out;
  std::string section;
  std::istringstream in{std::string(text)};
  std::string raw;
  while (std::getline(in, raw)) {
    std::string line = trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      section = trim(std::string_view(line).substr(1, line.size() - 2));
      continue;
    }
    auto sep = line.find_first_of("=:");
    if (sep == std::string::npos || section.empty()) continue;
    if (trim(std::string_view(line).substr(0, sep)) == "hf_token") {
      std::string value = trim(std::string_view(line).substr(sep + 1));
      if (!value.empty()) out[section] = value;
    }
  }
  return out;
}

static std::string format_stored_tokens(const std::map<std::string, std::string>& tokens) {
  std::string out;
  for (const auto& [name, token] : tokens) out += "[" + name + "]\nhf_token = " + token + "\n\n";
  return out;
}

std::map<std::string, std::string> TokenStore::stored_tokens() const {
  auto content = read_file(stored_tokens_path_);
  if (!content) return {};
  return parse_stored_tokens(*content);
}

void TokenStore::save(std::string_view name, std::string_view token, bool set_active_token) const {
  auto tokens = stored_tokens();
  tokens[std::string(name)] = trim(token);
  write_file_atomic(stored_tokens_path_, format_stored_tokens(tokens));
  if (set_active_token) set_active(token);
}

void TokenStore::set_active(std::string_view token) const { write_file_atomic(token_path_, trim(token)); }

bool TokenStore::remove(std::string_view name) const {
  auto tokens = stored_tokens();
  auto it = tokens.find(std::string(name));
  if (it == tokens.end()) return false;
  std::string removed = it->second;
  tokens.erase(it);
  write_file_atomic(stored_tokens_path_, format_stored_tokens(tokens));
  if (active_token() == removed) {
    std::error_code ec;
    fs::remove(token_path_, ec);
  }
  return true;
}

void TokenStore::clear() const {
  std::error_code ec;
  fs::remove(token_path_, ec);
  fs::remove(stored_tokens_path_, ec);
}

std::optional<std::string> resolve_token() {
  if (auto t = env_value("HF_TOKEN")) return t;
  if (auto t = env_value("HUGGING_FACE_HUB_TOKEN")) return t;
  return TokenStore::from_env().active_token();
}

}  // namespace hfhub
