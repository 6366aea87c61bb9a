#pragma once
// The demo catalog's random draws (demo_catalog.h), shared by the generator of each repo type.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "server/admin/demo_vocabulary.h"

namespace hfhub::server::demo {

// Random draws built only from mt19937_64 output: the std distributions are
// implementation-defined, and a seed must give the same catalog with every standard library.
class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream) {
    std::seed_seq seq{uint32_t(seed), uint32_t(seed >> 32), uint32_t(stream), uint32_t(stream >> 32)};
    gen_.seed(seq);
  }
  double uniform() { return double(gen_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }
  size_t below(size_t n) { return n == 0 ? 0 : size_t(gen_() % n); }
  int64_t between(int64_t lo, int64_t hi) { return hi <= lo ? lo : lo + int64_t(gen_() % uint64_t(hi - lo)); }
  double normal() {  // Box-Muller
    double u1 = std::max(uniform(), 1e-300), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double lognormal(double mu, double sigma) { return std::exp(mu + sigma * normal()); }
  double exponential(double mean) { return -mean * std::log(std::max(uniform(), 1e-300)); }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }
  std::string hex(size_t chars) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(chars, '0');
    uint64_t bits = 0;
    for (size_t i = 0; i < chars; ++i) {
      if (i % 16 == 0) bits = gen_();
      out[i] = digits[(bits >> (4 * (i % 16))) & 15];
    }
    return out;
  }

 private:
  std::mt19937_64 gen_;
};

inline std::string_view pick_weighted(Rng& rng, std::span<const Weighted> items) {
  double total = 0;
  for (const Weighted& w : items) total += w.weight;
  double x = rng.uniform() * total;
  for (const Weighted& w : items) {
    if (x < w.weight) return w.value;
    x -= w.weight;
  }
  return items.back().value;
}

}  // namespace hfhub::server::demo
