#pragma once
// The entry objects of the tree and paths-info endpoints (docs/hub-behaviour.md#tree-entries, #paths-info):
//   file:   {"type":"file","oid","size","path","lfs":{"oid","size","pointerSize"}?}
//   folder: {"type":"directory","oid","size":0,"path"}
// With expand, also `lastCommit` {id,title,date} and, for files, `securityFileStatus`
// (Python reads status, avScan and pickleImportScan whenever the object is present).
// No `xetHash`: this server does not speak Xet, so clients must not take the Xet path.
#include <string>
#include <vector>

#include "common/json_writer.h"
#include "server/content/entry_expansion.h"
#include "server/git/git_repo.h"

namespace hfhub::server {

// One entry; `expansion` null when expand is off.
void write_tree_entry(JsonWriter& w, const GitEntry& entry, const EntryExpansion* expansion);

// A JSON array of entries.
std::string tree_entries_json(const std::vector<GitEntry>& entries, const EntryExpansion* expansion);

}  // namespace hfhub::server
