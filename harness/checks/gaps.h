// Gap detection and attribution over raw samples, pure functions for unit tests.
// A gap is a stretch longer than `max_spacing` with no sample: between two consecutive
// samples, before the first (from the start of the observed range) or after the last (to
// its end). A gap is expected only when it lies inside a declared fault window widened by
// `max_spacing` before injection and `recovery_allowance` after healing.
#pragma once

#include <optional>
#include <vector>

#include "harness/backends/prometheus_response.h"
#include "harness/checks/fault_window.h"

namespace unbroken {

struct Gap {
  double from = 0;          // Unix seconds: the last sample before (or the range start)
  double to = 0;            // Unix seconds: the first sample after (or the range end)
  bool open_start = false;  // no sample before the gap in range
  bool open_end = false;    // no sample after the gap in range
  double seconds() const { return to - from; }
};

// Gaps in `samples` (sorted by time) over [from, to].
std::vector<Gap> find_gaps(const std::vector<PromSample>& samples, double from, double to,
                           double max_spacing);

struct GapAttribution {
  Gap gap;
  std::optional<std::size_t> window;  // index into the windows; empty: unexpected
};

std::vector<GapAttribution> attribute_gaps(const std::vector<Gap>& gaps,
                                           const std::vector<FaultWindow>& windows,
                                           double max_spacing, double recovery_allowance);

}  // namespace unbroken
