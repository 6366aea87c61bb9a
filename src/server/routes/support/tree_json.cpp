#include "server/routes/support/tree_json.h"

#include "common/iso_time.h"

namespace hfhub::server {

static void write_security_status(JsonWriter& w) {
  // No scanner runs here; the shape is the Hub's for a clean file.
  w.key("securityFileStatus").begin_object();
  w.key("status").value("safe");
  w.key("avScan").begin_object().key("virusFound").value(false).key("virusNames").null().end_object();
  w.key("pickleImportScan").null();
  w.end_object();
}

void write_tree_entry(JsonWriter& w, const GitEntry& e, const EntryExpansion* expansion, std::string_view xet_hash) {
  w.begin_object();
  w.key("type").value(e.is_dir ? "directory" : "file");
  w.key("oid").value(e.oid);
  w.key("size").value(e.is_dir ? int64_t(0) : e.content_size());
  w.key("path").value(e.path);
  if (e.lfs) {
    w.key("lfs").begin_object();
    w.key("oid").value(e.lfs->oid);
    w.key("size").value(e.lfs->size);
    w.key("pointerSize").value(e.size);
    w.end_object();
  }
  if (!xet_hash.empty()) w.key("xetHash").value(xet_hash);
  if (expansion) {
    if (auto it = expansion->last_commits.find(e.path); it != expansion->last_commits.end()) {
      w.key("lastCommit").begin_object();
      w.key("id").value(it->second.id);
      w.key("title").value(it->second.title);
      w.key("date").value(format_iso8601_ms(it->second.author.time_ms));
      w.end_object();
    }
    if (!e.is_dir) write_security_status(w);
  }
  w.end_object();
}

std::string tree_entries_json(const std::vector<GitEntry>& entries, const EntryExpansion* expansion,
                              const XetHashes* xet) {
  JsonWriter w;
  w.reserve(entries.size() * (expansion ? 400 : 160) + 2);
  w.begin_array();
  for (auto& e : entries) {
    std::string_view hash;
    if (xet && e.lfs)
      if (auto it = xet->find(e.lfs->oid); it != xet->end()) hash = it->second;
    write_tree_entry(w, e, expansion, hash);
  }
  w.end_array();
  return w.take();
}

}  // namespace hfhub::server
