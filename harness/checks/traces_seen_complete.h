// TracesSeenComplete: which traces traces.completeness found complete while the load still
// ran (Check::verify_during_load), and when it looked, so that evaluate() need not fetch
// them again. One bit per planned request and one entry per lookup: bounded whatever the
// run's length.
// Whether a mark may stand in for a fetch at evaluate() is decided there
// (traces_completeness.cpp): only when nothing since the look could have changed what
// Jaeger holds for that trace.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "harness/core/time.h"

namespace unbroken {

class TracesSeenComplete {
 public:
  // The requests [looked_up_to(), end) were looked up at `at`, and those of `complete`
  // (ascending, within the range) were complete as expected.
  void looked_up(std::uint64_t end, TimePoint at, const std::vector<std::uint64_t>& complete);
  // The first request not looked up yet.
  std::uint64_t looked_up_to() const { return lookups_.empty() ? 0 : lookups_.back().end; }
  // When request `seq`'s trace was looked up and found complete; nullopt when it was not.
  std::optional<TimePoint> seen_at(std::uint64_t seq) const;
  std::size_t count() const { return count_; }
  // At most `n` seqs of traces seen complete by a look after `looked_after`, spread evenly,
  // always with the first and the last of them (the oldest are the first a full store
  // evicts); all of them when there are no more than `n`.
  std::vector<std::uint64_t> sample(std::size_t n, TimePoint looked_after) const;

 private:
  struct Lookup {
    std::uint64_t end = 0;
    TimePoint at{};
  };
  std::vector<bool> complete_;   // by seq
  std::vector<Lookup> lookups_;  // ascending by end
  std::size_t count_ = 0;
};

}  // namespace unbroken
