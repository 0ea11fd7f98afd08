// correlation.trace_logs: every log line of a judged request, as logs.completeness reads it
// (log_expectation.h: services, selector, service_label, match, trace_id_field or
// trace_id_regex, and the span a line names: span_id_field or span_id_regex), names a trace
// that Jaeger holds, and that trace contains the very span the line names, recorded by the
// line's service. A line may point at a lost span only when a declared, verified fault on
// that service's spans path excuses the loss. A line naming the wrong trace (match:
// workload) or no span at all is broken, never excused. Parameters: those of the log
// expectation, and recover_within (15s), buffer_allowance, allow_loss_in_windows (true),
// judge (all | after_heal).
#pragma once

#include "harness/checks/check.h"
#include "harness/checks/log_expectation.h"
#include "harness/checks/loss_attribution.h"
#include "harness/core/param_decl.h"
#include "harness/system/system.h"

namespace unbroken {

class TraceLogCorrelation final : public Check {
 public:
  TraceLogCorrelation(const CheckSpec& spec, const System& system);
  std::string name() const override { return "correlation.trace_logs"; }
  static ParamDecls parameters();
  // Settled once the newest judged request's trace holds a span of every service whose
  // lines are read: each exporter sends in order, so the older spans are in Jaeger too.
  bool settled(const CheckContext& context) override;
  Verdict evaluate(const CheckContext& context) override;

 private:
  LossPolicy policy_;
  LogExpectation lines_;
};

}  // namespace unbroken
