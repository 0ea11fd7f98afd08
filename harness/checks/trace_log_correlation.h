// correlation.trace_logs: every workload log line in Loki names a trace that Jaeger holds,
// and that trace contains the very span the line names, recorded by the line's service.
// Lines of requests a judged loss policy excuses (inside a declared fault window) may
// point at lost traces. Parameters: recovery_allowance (15s), allow_loss_in_windows (true),
// judge (all | after_heal).
#pragma once

#include "harness/checks/check.h"
#include "harness/checks/loss_attribution.h"

namespace unbroken {

class TraceLogCorrelation final : public Check {
 public:
  explicit TraceLogCorrelation(const CheckSpec& spec);
  std::string name() const override { return "correlation.trace_logs"; }
  Verdict evaluate(const CheckContext& context) override;

 private:
  LossPolicy policy_;
};

}  // namespace unbroken
