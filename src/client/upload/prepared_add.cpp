#include "client/upload/prepared_add.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/repo_path.h"
#include "hfhub/errors.h"

namespace hfhub::client {

void check_repo_path(std::string_view path_in_repo) {
  if (auto error = repo_path_error(path_in_repo))
    throw std::invalid_argument("Invalid path in repo '" + std::string(path_in_repo) + "': " + *error);
}

static void check_folder(std::string_view folder) {
  if (auto error = repo_folder_error(folder))
    throw std::invalid_argument("Invalid folder in repo '" + std::string(folder) + "': " + *error);
}

void check_operations(const std::vector<CommitOperation>& operations) {
  for (const auto& op : operations) {
    if (const auto* add = std::get_if<CommitOperationAdd>(&op)) {
      check_repo_path(add->path_in_repo);
      std::error_code ec;
      if (add->local_path && !std::filesystem::is_regular_file(*add->local_path, ec))
        throw std::invalid_argument("Cannot upload " + add->local_path->string() + " as " + add->path_in_repo +
                                    ": not a regular file or does not exist");
    } else if (const auto* del = std::get_if<CommitOperationDelete>(&op)) {
      if (del->is_folder || (!del->path_in_repo.empty() && del->path_in_repo.back() == '/'))
        check_folder(del->path_in_repo);
      else
        check_repo_path(del->path_in_repo);
    } else {
      const auto& copy = std::get<CommitOperationCopy>(op);
      check_repo_path(copy.src_path_in_repo);
      check_repo_path(copy.path_in_repo);
    }
  }
}

PreparedAdd prepare_add(const CommitOperationAdd& add) {
  check_repo_path(add.path_in_repo);
  PreparedAdd prepared;
  prepared.path_in_repo = add.path_in_repo;
  prepared.local_path = add.local_path;
  if (add.local_path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(*add.local_path, ec);
    const bool large = !ec && size > static_cast<uintmax_t>(kRegularFileMaxBytes);
    prepared.info = large ? describe_local_file(*add.local_path) : hash_local_file(*add.local_path);
  } else {
    prepared.content = add.content;
    prepared.info = hash_bytes(prepared.content);
  }
  return prepared;
}

std::string PreparedAdd::read_content() const {
  if (!local_path) return content;
  std::ifstream in(*local_path, std::ios::binary);
  if (!in) throw std::invalid_argument("Cannot open " + local_path->string());
  std::ostringstream out;
  out << in.rdbuf();
  std::string bytes = std::move(out).str();
  if (static_cast<int64_t>(bytes.size()) != info.size)
    throw HfHubError(local_path->string() + " changed since it was hashed");
  return bytes;
}

}  // namespace hfhub::client
