// The Xet codec one stage at a time, on 64 MiB of incompressible bytes and of bf16-like weights:
// what an upload costs per byte (chunking, chunk hashes, xorb building per scheme, the whole
// UploadSession) and what the server and a download cost (indexing a xorb, decoding records).
//
//   build/bench/bench/micro_bench --benchmark_filter=Xet
#include <benchmark/benchmark.h>

#include <array>
#include <cstring>
#include <string>

#include "common/xet/chunker.h"
#include "common/xet/upload_session.h"
#include "common/xet/xorb_format.h"

namespace {

using namespace hfhub::xet;

constexpr size_t kBytes = 64u << 20;

// kind 0: random bytes; kind 1: bf16 weights (one exponent, noisy mantissa), where BG4 helps.
const std::string& input(int kind) {
  static const std::array<std::string, 2> data = [] {
    std::string random(kBytes, '\0'), weights(kBytes, '\0');
    uint64_t s = 1;
    for (size_t i = 0; i < kBytes; i += 8) {
      s = s * 6364136223846793005ull + 1442695040888963407ull;
      std::memcpy(&random[i], &s, 8);
      uint16_t w[4];
      for (int k = 0; k < 4; ++k) w[k] = uint16_t(0x3c00 | ((s >> (16 * k)) & 0xff));
      std::memcpy(&weights[i], w, 8);
    }
    return std::array<std::string, 2>{random, weights};
  }();
  return data[kind];
}

void XetChunker(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(chunk_lengths(input(0)));
  state.SetBytesProcessed(int64_t(state.iterations() * kBytes));
}
BENCHMARK(XetChunker)->Unit(benchmark::kMillisecond);

void XetChunkHashes(benchmark::State& state) {
  auto lengths = chunk_lengths(input(0));
  for (auto _ : state) {
    size_t at = 0;
    for (size_t n : lengths) benchmark::DoNotOptimize(chunk_hash(std::string_view(input(0)).substr(at, n))), at += n;
  }
  state.SetBytesProcessed(int64_t(state.iterations() * kBytes));
}
BENCHMARK(XetChunkHashes)->Unit(benchmark::kMillisecond);

// args: scheme, input kind.
void XetXorbBuild(benchmark::State& state) {
  const std::string& data = input(int(state.range(1)));
  auto lengths = chunk_lengths(data);
  XorbBuilder builder;
  for (auto _ : state) {
    size_t at = 0;
    for (size_t n : lengths) {
      std::string_view chunk = std::string_view(data).substr(at, n);
      if (!builder.add(chunk, MerkleHash{}, Compression(state.range(0)))) {
        builder.recycle(builder.finish().first);
        builder.add(chunk, MerkleHash{}, Compression(state.range(0)));
      }
      at += n;
    }
    builder.recycle(builder.finish().first);
  }
  state.SetBytesProcessed(int64_t(state.iterations() * kBytes));
}
BENCHMARK(XetXorbBuild)->ArgsProduct({{0, 1, 2}, {0, 1}})->Unit(benchmark::kMillisecond);

std::string built_xorb(int kind, Compression scheme) {
  const std::string& data = input(kind);
  XorbBuilder builder;
  size_t at = 0;
  for (size_t n : chunk_lengths(data.substr(0, kMaxXorbBytes - kMaxChunk))) {
    builder.add(std::string_view(data).substr(at, n), MerkleHash{}, scheme);
    at += n;
  }
  return builder.finish().first;
}

void XetIndexXorb(benchmark::State& state) {
  std::string xorb = built_xorb(1, Compression(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(index_xorb(xorb));
  state.SetBytesProcessed(int64_t(state.iterations() * (kMaxXorbBytes - kMaxChunk)));
}
BENCHMARK(XetIndexXorb)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void XetDecodeChunks(benchmark::State& state) {
  std::string xorb = built_xorb(1, Compression(state.range(0)));
  for (auto _ : state) {
    size_t total = 0;
    decode_chunks(xorb, [&](std::string_view c) { total += c.size(); });
    benchmark::DoNotOptimize(total);
  }
  state.SetBytesProcessed(int64_t(state.iterations() * (kMaxXorbBytes - kMaxChunk)));
}
BENCHMARK(XetDecodeChunks)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

// The whole client side of an upload: args: input kind, choose the scheme per chunk, the sha256
// (0: given by the caller, not computed; 1: on the session's thread; 2: on a helper thread).
void XetUploadSession(benchmark::State& state) {
  const std::string& data = input(int(state.range(0)));
  std::string spare;  // xorb buffers go round, as in a long upload (no page faults per xorb)
  for (auto _ : state) {
    UploadSession session([&](std::string bytes, const XorbIndex&) { spare = std::move(bytes); },
                          state.range(1) ? std::nullopt : std::optional(Compression::Lz4));
    session.recycle(std::move(spare));
    session.set_sha256_thread(state.range(2) == 2);
    session.begin_file(state.range(2) == 0 ? std::optional(std::string(64, 'a')) : std::nullopt);
    // 4 MiB pieces, as the upload reader feeds them.
    for (size_t at = 0; at < data.size(); at += 4 << 20) session.feed(std::string_view(data).substr(at, 4 << 20));
    session.finish_file();
    benchmark::DoNotOptimize(session.finish());
  }
  state.SetBytesProcessed(int64_t(state.iterations() * kBytes));
}
BENCHMARK(XetUploadSession)->ArgsProduct({{0, 1}, {0, 1}, {0, 1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
