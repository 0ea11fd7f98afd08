#include "harness/workload/lateness_histogram.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace unbroken {

void LatenessHistogram::record(Micros lateness) {
  // The first bucket whose bound is not exceeded; the last holds everything beyond.
  const auto at = std::lower_bound(kLatenessBounds.begin(), kLatenessBounds.end(), lateness);
  ++buckets_[static_cast<std::size_t>(at - kLatenessBounds.begin())];
  ++count_;
}

std::uint64_t LatenessHistogram::later_than(Micros bound) const {
  const auto at = std::find(kLatenessBounds.begin(), kLatenessBounds.end(), bound);
  if (at == kLatenessBounds.end()) {
    throw std::invalid_argument("later_than: not a bucket bound of the lateness histogram");
  }
  std::uint64_t later = 0;
  for (auto i = static_cast<std::size_t>(at - kLatenessBounds.begin()) + 1; i < buckets_.size();
       ++i) {
    later += buckets_[i];
  }
  return later;
}

std::optional<Micros> LatenessHistogram::quantile_at_most(double q) const {
  if (count_ == 0) return std::nullopt;
  // The rank of the q-quantile among count_ values, 1-based.
  const auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < kLatenessBounds.size(); ++i) {
    seen += buckets_[i];
    if (seen >= rank) return kLatenessBounds[i];
  }
  return std::nullopt;
}

}  // namespace unbroken
