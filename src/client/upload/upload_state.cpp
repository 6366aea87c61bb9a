#include "client/upload/upload_state.h"

#include <sys/stat.h>

#include <map>
#include <sstream>

#include <stdexcept>
#include "client/util/atomic_file.h"

namespace hfhub::client {

namespace fs = std::filesystem;

std::string UploadState::serialize() const {
  std::ostringstream out;
  out << "size=" << size << "\nmtime_ns=" << mtime_ns << "\nsha256=" << sha256 << "\ngit_sha1=" << git_sha1
      << "\nupload_mode=" << upload_mode << "\nshould_ignore=" << should_ignore << "\nremote_oid=" << remote_oid
      << "\nis_uploaded=" << is_uploaded << "\nis_committed=" << is_committed << "\n";
  return out.str();
}

std::optional<UploadState> UploadState::parse(std::string_view text) {
  std::map<std::string, std::string, std::less<>> fields;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    auto eq = line.find('=');
    if (eq != std::string::npos) fields[line.substr(0, eq)] = line.substr(eq + 1);
  }
  // The last key written: a torn file lacks it.
  if (!fields.count("is_committed") || !fields.count("size") || !fields.count("mtime_ns")) return std::nullopt;
  UploadState s;
  try {
    s.size = std::stoll(fields["size"]);
    s.mtime_ns = std::stoll(fields["mtime_ns"]);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  s.sha256 = fields["sha256"];
  s.git_sha1 = fields["git_sha1"];
  s.upload_mode = fields["upload_mode"];
  s.should_ignore = fields["should_ignore"] == "1";
  s.remote_oid = fields["remote_oid"];
  s.is_uploaded = fields["is_uploaded"] == "1";
  s.is_committed = fields["is_committed"] == "1";
  return s;
}

void stat_file(const fs::path& file, int64_t& size, int64_t& mtime_ns) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) throw std::invalid_argument("Cannot stat " + file.string());
  size = st.st_size;
  mtime_ns = int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

fs::path UploadStateStore::path_for(const std::string& relative) const {
  return folder_ / ".cache" / "huggingface" / "upload" / (relative + ".metadata");
}

UploadState UploadStateStore::load(const std::string& relative, const fs::path& file) const {
  UploadState fresh;
  stat_file(file, fresh.size, fresh.mtime_ns);
  auto text = read_file(path_for(relative));
  if (!text) return fresh;
  auto saved = UploadState::parse(*text);
  if (!saved || saved->size != fresh.size || saved->mtime_ns != fresh.mtime_ns) return fresh;
  return *saved;
}

void UploadStateStore::save(const std::string& relative, const UploadState& state) const {
  write_file_atomic(path_for(relative), state.serialize(),
                    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
}

}  // namespace hfhub::client
