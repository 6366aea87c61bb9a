#include "xet_support.h"

#include <fstream>
#include <vector>

#include "commit_support.h"
#include "common/hash.h"
#include "common/xet/chunker.h"
#include "common/xet/merkle.h"
#include "common/xet/xorb_format.h"
#include "server/app/app_context.h"
#include "server/xet/xet_file_stream.h"
#include "server_fixture.h"

namespace hfhub::testing {

namespace {

struct Packer {
  server::XetStore& store;
  server::BlobStore& blobs;
  xet::XorbBuilder builder;
  std::vector<xet::FileTerm> terms;
  uint32_t chunks = 0;

  void flush() {
    if (builder.empty()) return;
    auto [bytes, index] = builder.finish();
    auto spooled = blobs.spool_dir() + "/test-xorb-" + index.hash.hex();
    std::ofstream(spooled, std::ios::binary) << bytes;
    blobs.put_file(spooled, server::xet_blob_prefix(index.hash), index.hash.hex());
    store.put_xorb({index});
    uint32_t unpacked = 0;
    for (auto& c : index.chunks) unpacked += c.unpacked_size;
    terms.push_back({index.hash, unpacked, 0, uint32_t(index.chunks.size())});
  }
};

}  // namespace

XetUploaded put_xet_file(const std::string& id, const std::string& content, size_t xorb_bytes) {
  return put_xet_file_in(shared_server().data_dir(), std::string(repo_info(id).at("_id").as_string()), content,
                         xorb_bytes);
}

XetUploaded put_xet_file_in(const std::string& data, const std::string& object_id, const std::string& content,
                            size_t xorb_bytes) {
  // The server's own stores, through its own config: its data dir's SQLite file, or the database
  // its `database` line names; and its blob store (a directory, or S3).
  server::ServerConfig config;
  config.load_file(data + "/hfhubd.conf");
  auto stores = server::open_stores(config);
  server::XetStore& store = *stores.xet;
  auto blobs = blob_store_of(data, "xet/xorbs");
  Packer p{store, *blobs};
  std::vector<xet::HashedSize> hashed;
  size_t at = 0, in_xorb = 0;
  for (size_t length : xet::chunk_lengths(content)) {
    auto chunk = std::string_view(content).substr(at, length);
    at += length;
    auto hash = xet::chunk_hash(chunk);
    hashed.push_back({hash, length});
    if (in_xorb + length > xorb_bytes || !p.builder.add(chunk, hash)) {
      p.flush();
      in_xorb = 0;
      p.builder.add(chunk, hash);
    }
    in_xorb += length;
  }
  p.flush();
  server::XetFileRecord file;
  file.file_hash = xet::file_hash(hashed);
  file.size = content.size();
  file.sha256 = sha256_hex(content);
  file.terms = std::move(p.terms);
  store.put_files({&file, 1}, object_id);
  return {file.sha256, file.file_hash.hex()};
}

}  // namespace hfhub::testing
