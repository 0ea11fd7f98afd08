// correlation.trace_logs: every workload log line in Loki names a trace that Jaeger holds,
// and that trace contains the very span the line names, recorded by the line's service.
// A line may point at a lost span only when a declared, verified fault on that service's
// spans path excuses the loss; a line naming the wrong trace is broken, never excused. Parameters:
// recover_within (15s), allow_loss_in_windows (true), judge (all | after_heal).
#pragma once

#include "harness/checks/check.h"
#include "harness/checks/loss_attribution.h"
#include "harness/system/system.h"

namespace unbroken {

class TraceLogCorrelation final : public Check {
 public:
  TraceLogCorrelation(const CheckSpec& spec, const System& system);
  std::string name() const override { return "correlation.trace_logs"; }
  Verdict evaluate(const CheckContext& context) override;

 private:
  LossPolicy policy_;
};

}  // namespace unbroken
