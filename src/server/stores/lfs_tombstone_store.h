#pragma once
// The LFS objects deleted for good from a repository (POST .../lfs-files/batch), keyed by the
// repo's immutable `_id` and the object's sha256, until the object is stored there again. A
// download redirect asks this one indexed row instead of the blob store (an object-store round
// trip per download) whether the object it is about to sign a URL for is still there. The rows
// go with their repo (a trigger on the repos table, in both engines) and are copied to a
// duplicate of it, whose history names the same objects.
#include <span>
#include <string>
#include <string_view>

namespace hfhub::server {

class LfsTombstoneStore {
 public:
  virtual ~LfsTombstoneStore() = default;

  // Records that the repo's object `oid` is (about to be) deleted; recording it again is a no-op.
  virtual void record(std::string_view repo_object_id, std::string_view oid) = 0;
  // Whether the repo's object `oid` was deleted and not stored again since.
  virtual bool deleted(std::string_view repo_object_id, std::string_view oid) = 0;
  // Forgets the records of these objects (stored in the repo again), in one statement.
  virtual void clear(std::string_view repo_object_id, std::span<const std::string> oids) = 0;
  // Gives `to` every record of `from` (repo duplication: its history names the same objects).
  virtual void copy(std::string_view from, std::string_view to) = 0;
};

}  // namespace hfhub::server
