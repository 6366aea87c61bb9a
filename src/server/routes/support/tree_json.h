#pragma once
// The entry objects of the tree and paths-info endpoints (docs/hub-behaviour.md#tree-entries, #paths-info):
//   file:   {"type":"file","oid","size","path","lfs":{"oid","size","pointerSize"}?,"xetHash"?}
//   folder: {"type":"directory","oid","size":0,"path"}
// With expand, also `lastCommit` {id,title,date} and, for files, `securityFileStatus`
// (Python reads status, avScan and pickleImportScan whenever the object is present).
// `xetHash` for a Xet-backed file: Python then skips the HEAD before a Xet download
// (docs/xet.md#resolve).
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/json_writer.h"
#include "server/content/entry_expansion.h"
#include "server/git/git_repo.h"

namespace hfhub::server {

// The Xet file hash of each Xet-backed LFS object among some entries, by sha256.
using XetHashes = std::unordered_map<std::string, std::string>;

// One entry; `expansion` null when expand is off, `xet_hash` empty unless Xet-backed.
void write_tree_entry(JsonWriter& w, const GitEntry& entry, const EntryExpansion* expansion,
                      std::string_view xet_hash = {});

// A JSON array of entries.
std::string tree_entries_json(const std::vector<GitEntry>& entries, const EntryExpansion* expansion,
                              const XetHashes* xet = nullptr);

}  // namespace hfhub::server
