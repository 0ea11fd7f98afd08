// metrics.persistence: the samples Prometheus had stored just before the first fault are
// all still returned at the end of the run (after any restart). Just before the faults
// the check records every raw sample of `selector` since the stack became ready; at the end it
// reads the same range again and lists every sample that is gone. A snapshot query that got
// no answer leaves nothing to compare: inconclusive, naming it. Parameters: selector (a
// PromQL vector selector, required).
#pragma once

#include <map>
#include <optional>
#include <set>

#include "harness/checks/check.h"
#include "harness/core/param_decl.h"

namespace unbroken {

class MetricsPersistence final : public Check {
 public:
  explicit MetricsPersistence(const CheckSpec& spec);
  std::string name() const override { return "metrics.persistence"; }
  static ParamDecls parameters();
  void before_faults(const CheckContext& context) override;
  Verdict evaluate(const CheckContext& context) override;

 private:
  using SampleKeys = std::map<Labels, std::set<long long>>;  // series → sample times (ms)
  static SampleKeys keys_of(const std::vector<PromSeries>& series);

  std::string selector_;
  std::optional<TimePoint> snapshot_at_;
  SampleKeys baseline_;
  std::string snapshot_unanswered_;  // the snapshot query's error, when it got no answer
};

}  // namespace unbroken
