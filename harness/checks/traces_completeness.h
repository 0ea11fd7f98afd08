// traces.completeness: every request the load driver saw succeed left its whole trace in
// Jaeger — as its `services` and `shape` say (trace_expectation.h), under the driver's root
// span — and Jaeger holds no trace of the entry service that the driver never started. Lists lost
// and incomplete traces (excused only by a declared, verified fault on the path of the service
// whose spans are missing: attribution.h), and broken links, duplicated spans and unexpected spans
// or traces (never excused). Parameters: services (required), shape (spans | chain), min_spans,
// buffer_allowance (0s), recover_within (15s), allow_loss_in_windows
// (true), judge (all | after_heal), max_traces_searched (100000, the search bound for unexpected
// traces).
// While the load runs it looks up the traces of requests sent kDuringLoadHorizon ago and
// keeps which were complete (traces_seen_complete.h). evaluate() takes such a mark instead
// of fetching the trace again only when nothing since could have changed it: no fault window
// on the trace's path ended after the look, and a sample of the marked traces, the oldest and
// the newest among them, is still complete in Jaeger. Otherwise it fetches every trace:
// either way the verdict is the one a look at the whole run after the load gives.
#pragma once

#include "harness/checks/check.h"
#include "harness/checks/loss_attribution.h"
#include "harness/checks/trace_expectation.h"
#include "harness/checks/traces_seen_complete.h"
#include "harness/core/param_decl.h"
#include "harness/system/system.h"

namespace unbroken {

class TracesCompleteness final : public Check {
 public:
  TracesCompleteness(const CheckSpec& spec, const System& system);
  std::string name() const override { return "traces.completeness"; }
  static ParamDecls parameters();
  bool verifies_during_load() const override { return true; }
  std::uint64_t verify_during_load(const DuringLoadContext& context) override;
  bool settled(const CheckContext& context) override;
  Verdict evaluate(const CheckContext& context) override;

 private:
  // All of `trace`'s expected services arrived and nothing is wrong with it.
  bool complete(const TraceRecord& trace, const std::string& driver_span_id) const;

  LossPolicy policy_;
  TraceExpectation expected_;
  int max_traces_searched_;
  TracesSeenComplete seen_;
};

}  // namespace unbroken
