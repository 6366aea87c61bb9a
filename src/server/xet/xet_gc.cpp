#include "server/xet/xet_gc.h"

#include <thread>
#include <unordered_set>

#include "server/xet/xet_file_stream.h"

namespace hfhub::server {

namespace {

using HashSet = std::unordered_set<xet::MerkleHash>;

// Every xorb a recorded file's terms name.
HashSet referenced_xorbs(XetStore& store) {
  HashSet out;
  for (const auto& hash : store.file_hashes()) {
    auto file = store.file(hash);
    if (!file) continue;  // removed since the listing
    for (const auto& term : file->terms) out.insert(term.xorb);
  }
  return out;
}

bool older_than(BlobStore& xorbs, const xet::MerkleHash& hash, std::chrono::seconds grace) {
  auto modified = xorbs.modified(xet_blob_prefix(hash), hash.hex());
  // A store that cannot tell the age keeps everything: never sweep an upload in flight.
  if (!modified) return false;
  return *modified + grace <= std::chrono::system_clock::now();
}

}  // namespace

XetGcReport collect_xet_garbage(XetStore& store, BlobStore& xorbs, const XetGcOptions& options) {
  XetGcReport report;
  for (const auto& hash : store.file_hashes()) {
    if (store.file_linked(hash)) continue;
    ++report.files_removed;
    if (!options.dry_run) store.remove_file(hash);
  }

  auto referenced = referenced_xorbs(store);
  std::vector<XetXorbRecord> doomed;
  for (const auto& hash : store.xorb_hashes()) {
    if (referenced.count(hash)) continue;
    if (!older_than(xorbs, hash, options.grace)) {
      ++report.xorbs_young;
      continue;
    }
    auto record = store.xorb(hash);
    if (record) doomed.push_back(std::move(*record));
  }
  if (options.dry_run) {
    report.xorbs_removed = doomed.size();
    for (const auto& x : doomed) report.bytes_freed += x.index.serialized_size;
    return report;
  }

  for (const auto& x : doomed) store.remove_xorb(x.index.hash);
  std::this_thread::sleep_for(options.settle);
  referenced = referenced_xorbs(store);
  for (const auto& x : doomed) {
    if (referenced.count(x.index.hash)) {
      store.put_xorb(x);  // a shard accepted during the collection names it
      ++report.xorbs_restored;
      continue;
    }
    xorbs.remove(xet_blob_prefix(x.index.hash), x.index.hash.hex());
    ++report.xorbs_removed;
    report.bytes_freed += x.index.serialized_size;
  }
  return report;
}

}  // namespace hfhub::server
