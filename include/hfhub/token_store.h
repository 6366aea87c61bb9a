#pragma once
// Tokens on disk, in the layout of Python's huggingface_hub (so `hf auth login` and `hfhub auth
// login` share credentials):
//   $HF_HOME/token          the active token, no trailing newline (trimmed on read)
//   $HF_HOME/stored_tokens  INI: "[<name>]\nhf_token = <token>\n\n" per saved token
// Writes are atomic (temp file + rename) with mode 0600.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace hfhub {

class TokenStore {
 public:
  TokenStore(std::filesystem::path token_path, std::filesystem::path stored_tokens_path);
  // $HF_HOME/token and $HF_HOME/stored_tokens.
  static TokenStore in_home(const std::filesystem::path& hf_home);
  // HF_TOKEN_PATH / HF_STORED_TOKENS_PATH if set, else in_home(resolve_hf_home()).
  static TokenStore from_env();

  const std::filesystem::path& token_path() const { return token_path_; }
  const std::filesystem::path& stored_tokens_path() const { return stored_tokens_path_; }

  // The active token, whitespace-trimmed; nullopt if the file is missing or blank.
  std::optional<std::string> active_token() const;
  // name -> token, from stored_tokens (missing file = empty).
  std::map<std::string, std::string> stored_tokens() const;

  // Saves `token` under `name` in stored_tokens and, if set_active, writes it to the token file.
  void save(std::string_view name, std::string_view token, bool set_active = true) const;
  // Writes the token file.
  void set_active(std::string_view token) const;
  // Removes one saved token; if it was the active one the token file is deleted too.
  // Returns false if no token had that name.
  bool remove(std::string_view name) const;
  // Deletes the token file and stored_tokens.
  void clear() const;

 private:
  std::filesystem::path token_path_;
  std::filesystem::path stored_tokens_path_;
};

// $HF_HOME, else $XDG_CACHE_HOME/huggingface, else ~/.cache/huggingface.
std::filesystem::path resolve_hf_home();

// The token the environment selects, like Python's get_token(): HF_TOKEN, else
// HUGGING_FACE_HUB_TOKEN (blank values ignored), else the active token file.
std::optional<std::string> resolve_token();

}  // namespace hfhub
