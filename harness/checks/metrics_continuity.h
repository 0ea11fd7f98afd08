// metrics.continuity: every series of `selector` was scraped without a gap over the
// observed part of the run, except where a declared, verified fault on the series' path
// (by its `job` label, in the system's signal paths) excuses it (attribution.h). Reports
// every gap, its attribution, and the time to recover after each heal. Observation goes on
// after the load until every series has recovered from the last heal, or `recover_within`
// has run out, so a fault healed at the very end is judged on its recovery, not cut off.
// Parameters:
//   selector            a PromQL vector selector (required)
//   max_spacing         longest stretch without a sample that is not a gap
//                       (default: 2.5 × the scrape interval)
//   recover_within      the bound on recovery: how long after a heal data may still be
//                       missing (default 15s); a later recovery fails
//
// Why raw samples rather than query_range: a range query fills a gap from the last sample
// for up to the 5-minute lookback when no stale marker was written (as when Prometheus
// itself was down), and sampling at step = interval can hide one sample behind another.
// The raw samples are what was stored.
#pragma once

#include <optional>

#include "harness/checks/check.h"
#include "harness/core/param_decl.h"

namespace unbroken {

class MetricsContinuity final : public Check {
 public:
  explicit MetricsContinuity(const CheckSpec& spec);
  std::string name() const override { return "metrics.continuity"; }
  static ParamDecls parameters();
  bool settled(const CheckContext& context) override;
  Verdict evaluate(const CheckContext& context) override;

 private:
  // The end of the judged range: the load's end, or later while a heal's bound runs.
  TimePoint observed_until(const CheckContext& context) const;

  std::string selector_;
  std::optional<Millis> max_spacing_;
  Millis recover_within_;
};

}  // namespace unbroken
