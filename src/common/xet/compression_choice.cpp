#include "common/xet/compression_choice.h"

#include <array>
#include <bit>
#include <cmath>

namespace hfhub::xet {
namespace {

constexpr size_t kSampleBytes = 4096;
// The divergence above which byte grouping is worth it; xet-core settled on this value for its
// own predictor of the same shape (popcount histograms per byte position).
constexpr double kThreshold = 0.02;

}  // namespace

// For each byte position mod 4, the histogram of the bytes' popcounts (0..8) is compared with
// the histogram of all positions (smoothed by one count per bin) by KL divergence; the largest
// divergence decides.
Compression choose_compression(std::string_view chunk) {
  std::string_view sample = chunk.substr(0, kSampleBytes);
  if (sample.size() < 64) return Compression::Lz4;
  std::array<std::array<uint32_t, 9>, 4> hist{};
  for (size_t i = 0; i < sample.size(); ++i) hist[i % 4][std::popcount(uint8_t(sample[i]))]++;
  std::array<double, 9> base;
  double base_total = 0;
  for (size_t b = 0; b < 9; ++b) {
    base[b] = 1.0 + hist[0][b] + hist[1][b] + hist[2][b] + hist[3][b];
    base_total += base[b];
  }
  double max_divergence = 0;
  for (const auto& h : hist) {
    double total = 0, divergence = 0;
    for (uint32_t c : h) total += c;
    for (size_t b = 0; b < 9; ++b) {
      if (h[b] == 0) continue;  // 0 * log 0 = 0
      double p = h[b] / total, q = base[b] / base_total;
      divergence += p * std::log(p / q);
    }
    max_divergence = std::max(max_divergence, divergence);
  }
  return max_divergence > kThreshold ? Compression::ByteGrouping4Lz4 : Compression::Lz4;
}

}  // namespace hfhub::xet
