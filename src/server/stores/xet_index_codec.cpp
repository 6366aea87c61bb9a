#include "server/stores/xet_index_codec.h"

#include <cstring>

#include "common/json_writer.h"

#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

void put_u32(std::string& out, uint64_t v) {
  if (v > UINT32_MAX) throw StoreError("xet index: value does not fit 32 bits");
  for (int i = 0; i < 4; ++i) out.push_back(char((v >> (8 * i)) & 0xff));
}

uint32_t get_u32(std::string_view in, size_t at) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t(uint8_t(in[at + size_t(i)])) << (8 * i);
  return v;
}

constexpr size_t kChunkRecord = 44;  // hash, start, end, unpacked
constexpr size_t kTermRecord = 44;   // xorb, unpacked, start, end

}  // namespace

std::string_view xet_hash_bytes(const xet::MerkleHash& h) {
  return {reinterpret_cast<const char*>(h.bytes.data()), h.bytes.size()};
}

xet::MerkleHash xet_hash_from_bytes(std::string_view bytes) {
  if (bytes.size() != 32) throw StoreError("xet index: a stored hash is not 32 bytes");
  xet::MerkleHash h;
  std::memcpy(h.bytes.data(), bytes.data(), 32);
  return h;
}

std::string pack_xorb_chunks(const std::vector<xet::XorbChunk>& chunks) {
  std::string out;
  out.reserve(chunks.size() * kChunkRecord);
  for (auto& c : chunks) {
    out.append(xet_hash_bytes(c.hash));
    put_u32(out, c.serialized_start);
    put_u32(out, c.serialized_end);
    put_u32(out, c.unpacked_size);
  }
  return out;
}

std::vector<xet::XorbChunk> unpack_xorb_chunks(std::string_view in) {
  if (in.size() % kChunkRecord) throw StoreError("xet index: a xorb's chunk index is truncated");
  std::vector<xet::XorbChunk> out(in.size() / kChunkRecord);
  for (size_t i = 0; i < out.size(); ++i) {
    size_t at = i * kChunkRecord;
    out[i].hash = xet_hash_from_bytes(in.substr(at, 32));
    out[i].serialized_start = get_u32(in, at + 32);
    out[i].serialized_end = get_u32(in, at + 36);
    out[i].unpacked_size = get_u32(in, at + 40);
  }
  return out;
}

std::string pack_file_terms(const std::vector<xet::FileTerm>& terms) {
  std::string out;
  out.reserve(terms.size() * kTermRecord);
  for (auto& t : terms) {
    out.append(xet_hash_bytes(t.xorb));
    put_u32(out, t.unpacked_bytes);
    put_u32(out, t.chunk_start);
    put_u32(out, t.chunk_end);
  }
  return out;
}

std::vector<xet::FileTerm> unpack_file_terms(std::string_view in) {
  if (in.size() % kTermRecord) throw StoreError("xet index: a file's terms are truncated");
  std::vector<xet::FileTerm> out(in.size() / kTermRecord);
  for (size_t i = 0; i < out.size(); ++i) {
    size_t at = i * kTermRecord;
    out[i].xorb = xet_hash_from_bytes(in.substr(at, 32));
    out[i].unpacked_bytes = get_u32(in, at + 32);
    out[i].chunk_start = get_u32(in, at + 36);
    out[i].chunk_end = get_u32(in, at + 40);
  }
  return out;
}

std::string xet_sha256_list(std::span<const std::string> sha256s) {
  JsonWriter list;
  list.begin_array();
  for (const auto& sha256 : sha256s) list.value(sha256);
  list.end_array();
  return list.take();
}

}  // namespace hfhub::server
