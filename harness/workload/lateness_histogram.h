// LatenessHistogram: how far behind its schedule each send of the load driver left, in
// fixed memory whatever the run's length. Counts fall into buckets with fixed upper bounds
// (kLatenessBounds, from 0.1 ms to 30 s, and one beyond); a quantile is the upper bound of
// the bucket it falls in, so it never understates the lateness. Not thread-safe: the driver
// records under its own lock.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>

namespace unbroken {

using Micros = std::chrono::microseconds;

inline constexpr std::array<Micros, 19> kLatenessBounds{
    Micros(100),       Micros(250),       Micros(500),        Micros(1'000),     Micros(2'000),
    Micros(5'000),     Micros(10'000),    Micros(25'000),     Micros(50'000),    Micros(100'000),
    Micros(250'000),   Micros(500'000),   Micros(1'000'000),  Micros(2'000'000), Micros(3'000'000),
    Micros(5'000'000), Micros(7'500'000), Micros(10'000'000), Micros(30'000'000)};

class LatenessHistogram {
 public:
  void record(Micros lateness);
  std::uint64_t count() const { return count_; }
  // How many were later than `bound`, which must be one of kLatenessBounds (else
  // std::invalid_argument).
  std::uint64_t later_than(Micros bound) const;
  // The upper bound of the bucket holding the q-quantile (0 < q ≤ 1); nullopt when nothing
  // was recorded or it lies beyond the last bound.
  std::optional<Micros> quantile_at_most(double q) const;

 private:
  std::array<std::uint64_t, kLatenessBounds.size() + 1> buckets_{};
  std::uint64_t count_ = 0;
};

}  // namespace unbroken
