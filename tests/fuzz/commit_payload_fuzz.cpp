// The NDJSON body of POST /api/{type}/{repo}/commit/{rev}: whatever it holds, the parser either
// refuses it with a message or yields operations that all obey the path rules.
#include <cstdint>
#include <map>
#include <string>

#include "common/lfs_pointer.h"
#include "common/repo_path.h"
#include "fuzz_check.h"
#include "server/write/commit_payload.h"

using namespace hfhub;
using namespace hfhub::server;
using hfhub::fuzz::check;

namespace {

bool lower_hex(std::string_view s) { return s.find_first_not_of("0123456789abcdef") == std::string_view::npos; }

void check_operation(const CommitOperation& op) {
  if (auto* del = std::get_if<DeleteFolder>(&op)) {
    check(!repo_folder_error(del->path), "a deleted folder breaks the folder rules");
    return;
  }
  check(!repo_path_error(operation_path(op)), "an operation path breaks the path rules");
  if (auto* lfs = std::get_if<AddLfsFile>(&op)) {
    check(is_sha256_hex(lfs->oid), "an lfsFile oid is not a sha256");
    check(!lfs->size || *lfs->size >= 0, "an lfsFile size is negative");
    check(!lfs->old_path || !repo_path_error(*lfs->old_path), "an lfsFile oldPath breaks the path rules");
  }
  if (auto* add = std::get_if<AddFile>(&op))
    check(!add->old_path || !repo_path_error(*add->old_path), "a file oldPath breaks the path rules");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto result = parse_commit_payload(body);
  if (auto* error = std::get_if<CommitPayloadError>(&result)) {
    check(!error->message.empty(), "an error without a message");
    check(hfhub::fuzz::valid_utf8(error->message), "an error message is not UTF-8 (it goes into JSON)");
    return 0;
  }
  auto& payload = std::get<CommitPayload>(result);
  if (auto& parent = payload.header.parent_commit) {
    check(parent->size() >= 5 && parent->size() <= 40 && lower_hex(*parent), "parentCommit is not 5-40 hex digits");
  }
  // A path comes at most twice, and then as a deletion followed by an addition: the Hub applies
  // operations in order and Python sends "delete, then add" of a re-added file (f1f07c5).
  std::map<std::string, int> uses;  // path -> 1: deleted, 2: added
  for (auto& op : payload.operations) {
    check_operation(op);
    bool deletion = std::holds_alternative<DeleteFile>(op) || std::holds_alternative<DeleteFolder>(op);
    auto [it, first] = uses.try_emplace(operation_path(op), deletion ? 1 : 2);
    if (first) continue;
    check(it->second == 1 && !deletion, "a path repeats other than as a deletion then an addition");
    it->second = 2;
  }
  return 0;
}
