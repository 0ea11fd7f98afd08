// SeededRandom: every random choice of a run comes from one of these, seeded with the
// run's seed, so a seed replays the same choices. SplitMix64 (Steele, Lea, Flood 2014):
// its output is fully specified, so a seed means the same on every platform and compiler
// — unlike std:: distributions, whose algorithms are left to the library.
#pragma once

#include <cstdint>

namespace unbroken {

class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [low, high] (modulo bias below 2^-40 for the spans a scenario uses).
  std::int64_t uniform(std::int64_t low, std::int64_t high) {
    if (high <= low) return low;
    const auto span = static_cast<std::uint64_t>(high - low) + 1;
    return low + static_cast<std::int64_t>(next() % span);
  }

 private:
  std::uint64_t state_;
};

}  // namespace unbroken
