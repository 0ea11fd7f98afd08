// Gap detection and attribution over raw samples, pure functions for unit tests.
// A gap is a stretch longer than `max_spacing` with no sample: between two consecutive
// samples, before the first (from the start of the observed range) or after the last (to
// its end). Gaps are attributed by the rules of attribution.h: a gap is expected only when a
// declared, verified fault on the series' path covers it, widened by `max_spacing` before
// injection and `recover_within` after healing, and no undeclared fault on that path
// reaches it. A gap open at either end of the range is never excused: it has no recovery.
#pragma once

#include <optional>
#include <vector>

#include "harness/backends/prometheus_response.h"
#include "harness/checks/attribution.h"
#include "harness/checks/fault_window.h"
#include "harness/system/signal_paths.h"

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
  Attribution attribution;
};

std::vector<GapAttribution> attribute_gaps(const std::vector<Gap>& gaps, const SignalPath& path,
                                           const std::vector<FaultWindow>& windows,
                                           double max_spacing, Millis recover_within);

}  // namespace unbroken
