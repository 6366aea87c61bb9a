#include "server/lfs/multipart_upload.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "common/error_code.h"
#include "common/file_handle.h"
#include "common/hash.h"
#include "common/lfs_pointer.h"
#include "common/posix_io.h"
#include "server/model/domain_error.h"

namespace hfhub::server {

namespace fs = std::filesystem;

namespace {

constexpr size_t kCopyBuffer = 1 << 20;

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

std::string parts_root(const std::string& spool_dir) { return spool_dir + "/multipart"; }

// The file being assembled: removed unless handed over.
class OutputFile {
 public:
  explicit OutputFile(std::string path) : path_(std::move(path)) {
    file_ = FileHandle(::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!file_) throw_errno("create " + path_);
  }
  ~OutputFile() {
    file_.reset();
    if (!kept_) ::unlink(path_.c_str());
  }
  void write(std::string_view bytes) {
    std::error_code ec;
    write_all(file_.fd(), bytes, ec);
    if (ec) throw std::system_error(ec, "write " + path_);
  }
  const std::string& keep() {
    file_.close("close " + path_);
    kept_ = true;
    return path_;
  }

 private:
  std::string path_;
  FileHandle file_;
  bool kept_ = false;
};

DomainError bad_part(int64_t part, const std::string& why) {
  return DomainError(ErrorKind::BadRequest, "Multipart upload: part " + std::to_string(part) + " " + why);
}

}  // namespace

std::string etag_digest(std::string_view etag) {
  if (etag.starts_with("W/")) etag.remove_prefix(2);
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.substr(1, etag.size() - 2);
  return is_sha256_hex(etag) ? std::string(etag) : std::string();
}

MultipartUpload::MultipartUpload(const std::string& spool_dir, std::string_view repo, std::string_view oid)
    : spool_dir_(spool_dir), dir_(parts_root(spool_dir) + "/" + std::string(repo) + "-" + std::string(oid)) {}

std::string MultipartUpload::store_part(int64_t part, SpooledBody& body) {
  fs::create_directories(dir_);
  auto target = dir_ + "/" + std::to_string(part) + "-" + body.sha256();
  if (::rename(body.path().c_str(), target.c_str()) != 0) throw_errno("rename " + body.path());
  body.release();
  return "\"" + body.sha256() + "\"";
}

std::unique_ptr<SpooledBody> MultipartUpload::assemble(const std::vector<std::string>& etags,
                                                       const std::vector<int64_t>& sizes) const {
  OutputFile out(spool_dir_ + "/upload-assembled-" + random_hex(8) + ".part");
  Sha256Stream sha;
  std::vector<char> buffer(kCopyBuffer);
  int64_t total = 0;
  for (size_t i = 0; i < etags.size(); ++i) {
    const int64_t part = int64_t(i) + 1;
    auto digest = etag_digest(etags[i]);
    if (digest.empty()) throw bad_part(part, "has a malformed etag '" + etags[i] + "'");
    auto path = dir_ + "/" + std::to_string(part) + "-" + digest;
    FileHandle in(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in) {
      if (errno == ENOENT) throw bad_part(part, "was not uploaded (no part has etag " + etags[i] + ")");
      throw_errno("open " + path);
    }
    int64_t copied = 0;
    for (;;) {
      std::error_code ec;
      size_t n = read_some(in.fd(), buffer.data(), buffer.size(), ec);
      if (ec) throw std::system_error(ec, "read " + path);
      if (n == 0) break;
      sha.update(buffer.data(), n);
      out.write({buffer.data(), n});
      copied += int64_t(n);
    }
    in.reset();
    if (copied != sizes[i])
      throw bad_part(part, "has " + std::to_string(copied) + " bytes, expected " + std::to_string(sizes[i]));
    total += copied;
  }
  auto hex = sha.hex_digest();
  return std::make_unique<SpooledBody>(out.keep(), total, std::move(hex));
}

void MultipartUpload::discard() const {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

int MultipartUpload::sweep(const std::string& spool_dir, std::chrono::seconds max_age) {
  std::error_code ec;
  const auto cutoff = fs::file_time_type::clock::now() - max_age;
  int removed = 0;
  for (auto& entry : fs::directory_iterator(parts_root(spool_dir), ec)) {
    std::error_code entry_ec;
    auto modified = fs::last_write_time(entry.path(), entry_ec);
    if (entry_ec || modified > cutoff) continue;
    fs::remove_all(entry.path(), entry_ec);
    if (!entry_ec) ++removed;
  }
  return removed;
}

}  // namespace hfhub::server
