#pragma once
// LFS objects as files: <root>/<repo>/<oid[0:2]>/<oid[2:4]>/<oid>.
#include "server/stores/blob_store.h"

namespace hfhub::server {

class FsBlobStore : public BlobStore {
 public:
  // Creates the directories; `spool_dir` must be on the same filesystem as `root`.
  FsBlobStore(std::string root, std::string spool_dir);

  std::optional<int64_t> size(std::string_view repo, std::string_view oid) override;
  std::shared_ptr<FileHandle> open(std::string_view repo, std::string_view oid) override;
  void put_file(const std::string& file, std::string_view repo, std::string_view oid) override;
  bool remove(std::string_view repo, std::string_view oid) override;
  std::optional<std::chrono::system_clock::time_point> modified(std::string_view repo, std::string_view oid) override;
  void remove_all(std::string_view repo) override;
  void link_all(std::string_view from_repo, std::string_view to_repo) override;
  bool link_object(std::string_view from_repo, std::string_view to_repo, std::string_view oid) override;
  std::string spool_dir() const override { return spool_dir_; }

 private:
  std::string repo_dir(std::string_view repo) const;                       // throws on a malformed id
  std::string path_of(std::string_view repo, std::string_view oid) const;  // throws on a malformed oid
  std::string root_;
  std::string spool_dir_;
};

}  // namespace hfhub::server
