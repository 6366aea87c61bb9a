// Repo paths, folders, repo ids and `{rev}/{path}` URL tails, as clients send them: the rules
// must hold whatever the bytes, and their messages must be safe to put in a JSON error body.
#include <cstdint>
#include <string>

#include "common/ascii.h"
#include "common/repo_id.h"
#include "common/repo_path.h"
#include "common/split.h"
#include "fuzz_check.h"
#include "server/http/error_table.h"
#include "server/routes/support/revision_path.h"
#include "server/services/repo_id_rules.h"

using namespace hfhub;
using namespace hfhub::server;
using hfhub::fuzz::check;
using hfhub::fuzz::valid_utf8;

namespace {

// What a valid path guarantees to the code that writes it into a git tree or onto a disk.
void check_valid_path(std::string_view path) {
  check(!path.empty() && path.size() <= kMaxRepoPathBytes, "a valid path has a bad length");
  check(valid_utf8(path), "a valid path is not UTF-8");
  check(path.front() != '/' && path.back() != '/', "a valid path starts or ends with '/'");
  for (char c : path) check(uint8_t(c) >= 0x20 && c != 0x7f, "a valid path has a forbidden byte");
  // A backslash is an ordinary character of a git path name (docs/hub-behaviour.md); only this
  // prefix is refused, as the Hub does.
  check(!path.starts_with("..\\"), "a valid path starts with '..\\'");
  for (auto segment : split(path, '/')) {
    check(!segment.empty() && segment != "." && segment != "..", "a valid path has an empty or dot segment");
    check(!ascii_iequals(segment, ".git"), "a valid path has a .git segment");
    check(segment.size() <= kMaxRepoPathSegmentBytes, "a valid path has a long segment");
  }
}

// What a path the client may write to its disk guarantees on top: no segment that Windows reads
// as rooted or as a drive, no '..' between backslashes.
void check_local_path(std::string_view path) {
  check_valid_path(path);
  for (auto segment : split(path, '/')) {
    check(segment.front() != '\\', "a local path segment starts with '\\'");
    check(!(segment.size() >= 2 && segment[1] == ':' && ((segment[0] | 0x20) >= 'a' && (segment[0] | 0x20) <= 'z')),
          "a local path segment has a drive prefix");
    for (auto part : split(segment, '\\')) check(part != "..", "a local path has '..' between backslashes");
  }
}

void check_path_rules(std::string_view text) {
  if (auto error = repo_path_error(text)) {
    check(valid_utf8(*error), "a path error message is not UTF-8");
  } else {
    check_valid_path(text);
    check(is_valid_repo_folder(text), "a valid file path is not a valid folder");
  }
  if (auto error = local_path_error(text))
    check(valid_utf8(*error), "a local path error message is not UTF-8");
  else
    check_local_path(text);
  if (auto error = repo_folder_error(text))
    check(valid_utf8(*error), "a folder error message is not UTF-8");
  else
    check_valid_path(normalize_folder(text));
}

void check_repo_id(std::string_view text) {
  auto id = RepoId::parse(text);
  bool accepted = true;
  try {
    require_valid_repo_id(text);
  } catch (const DomainError& e) {
    check(error_status(e) == 400, "a repo id was refused with other than 400");
    accepted = false;
  }
  check(accepted == id.has_value(), "require_valid_repo_id and RepoId::parse disagree");
  if (id) check(RepoId::parse(id->str()) == id, "a repo id does not round-trip");
}

void check_revision_path(std::string_view url_tail) {
  auto split = split_revision_path(raw_segments(url_tail));
  if (!split) return;
  check(!split->revision.empty(), "a split has an empty revision");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  check_path_rules(text);
  check_repo_id(text);
  check_revision_path(text);
  return 0;
}
