// traces.completeness: every request the load driver saw succeed left its whole trace in
// Jaeger — as its `services` and `shape` say (trace_expectation.h), under the driver's root
// span — and Jaeger holds no trace of the entry service that the driver never started. Lists lost
// and incomplete traces (excused only by a declared, verified fault on the path of the service
// whose spans are missing: attribution.h), and broken links, duplicated spans and unexpected spans
// or traces (never excused). Parameters: services (required), shape (spans | chain), min_spans,
// buffer_allowance (0s), recover_within (15s), allow_loss_in_windows
// (true), judge (all | after_heal), max_traces_searched (100000, the search bound for unexpected
// traces).
#pragma once

#include "harness/checks/check.h"
#include "harness/checks/loss_attribution.h"
#include "harness/checks/trace_expectation.h"
#include "harness/core/param_decl.h"
#include "harness/system/system.h"

namespace unbroken {

class TracesCompleteness final : public Check {
 public:
  TracesCompleteness(const CheckSpec& spec, const System& system);
  std::string name() const override { return "traces.completeness"; }
  static ParamDecls parameters();
  bool settled(const CheckContext& context) override;
  Verdict evaluate(const CheckContext& context) override;

 private:
  LossPolicy policy_;
  TraceExpectation expected_;
  int max_traces_searched_;
};

}  // namespace unbroken
