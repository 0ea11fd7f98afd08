// metrics.continuity: every series of `selector` was scraped without a gap over the
// observed part of the run, except inside declared fault windows (plus the recovery
// allowance). Reports every gap, its attribution, and the time to recover after each heal.
// Parameters:
//   selector            a PromQL vector selector (required)
//   max_spacing         longest stretch without a sample that is not a gap
//                       (default: 2.5 × the scrape interval)
//   recovery_allowance  how long after a heal data may still be missing (default 15s)
//
// Why raw samples rather than query_range: a range query fills a gap from the last sample
// for up to the 5-minute lookback when no stale marker was written (as when Prometheus
// itself was down), and sampling at step = interval can hide one sample behind another.
// The raw samples are what was stored.
#pragma once

#include <optional>

#include "harness/checks/check.h"

namespace unbroken {

class MetricsContinuity final : public Check {
 public:
  explicit MetricsContinuity(const CheckSpec& spec);
  std::string name() const override { return "metrics.continuity"; }
  Verdict evaluate(const CheckContext& context) override;

 private:
  std::string selector_;
  std::optional<Millis> max_spacing_;
  Millis recovery_allowance_;
};

}  // namespace unbroken
