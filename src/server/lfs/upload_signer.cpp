#include "server/lfs/upload_signer.h"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <sstream>

#include "common/ascii.h"
#include "common/atomic_write.h"
#include "common/hash.h"
#include "common/lfs_pointer.h"

namespace hfhub::server {

namespace {

std::string_view action_name(SignedTransfer::Action a) {
  switch (a) {
    case SignedTransfer::Action::Upload:
      return "upload";
    case SignedTransfer::Action::Part:
      return "part";
    case SignedTransfer::Action::Download:
      return "download";
  }
  return "?";
}

bool is_repo_object_id(std::string_view id) { return !id.empty() && id.size() <= 64 && is_lower_hex(id); }

// One line per field. The ids are checked to be hex before they get here, so no field can hold
// a newline and shift the others: distinct transfers always give distinct messages.
std::string message_of(const SignedTransfer& t) {
  std::string m = "hfhub-lfs-v1\n";
  m.append(action_name(t.action)).append("\n");
  m.append(t.repo).append("\n").append(t.oid).append("\n");
  for (int64_t n : {t.size, t.chunk, t.part, t.expires}) m.append(std::to_string(n)).append("\n");
  // Only when set, so URLs signed before the field existed still verify; check() refuses a
  // staging name with a control character, which could forge a line.
  if (!t.staging.empty()) m.append("staging ").append(t.staging).append("\n");
  return m;
}

}  // namespace

std::string UploadSigner::sign(const SignedTransfer& transfer) const {
  return hmac_sha256_hex(key_, message_of(transfer));
}

SignatureCheck UploadSigner::check(const SignedTransfer& transfer, std::string_view signature,
                                   int64_t now_seconds) const {
  if (!is_repo_object_id(transfer.repo) || !is_sha256_hex(transfer.oid)) return SignatureCheck::Invalid;
  if (transfer.staging.size() > 1024 ||
      std::any_of(transfer.staging.begin(), transfer.staging.end(), [](char c) { return (unsigned char)c < 0x20; }))
    return SignatureCheck::Invalid;
  if (!constant_time_equal(sign(transfer), signature)) return SignatureCheck::Invalid;
  if (now_seconds > transfer.expires) return SignatureCheck::Expired;
  return SignatureCheck::Valid;
}

std::string load_or_create_signing_key(const std::string& configured, const std::filesystem::path& key_file) {
  if (!configured.empty()) return configured;
  {
    std::ifstream in(key_file);
    if (in) {
      std::stringstream text;
      text << in.rdbuf();
      auto key = std::string(trim_whitespace(text.str()));
      if (!key.empty()) return key;
    }
  }
  auto key = random_hex(32);
  // Readable by the server's user only, from creation on: whoever reads it can sign uploads
  // into any repository.
  write_file_atomic(key_file.string(), key + "\n", 0600);
  return key;
}

}  // namespace hfhub::server
