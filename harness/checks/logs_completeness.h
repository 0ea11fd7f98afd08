// logs.completeness: for every request the load driver saw succeed, each declared service
// logged its lines for it (log_expectation.h says how a line is tied to a request) and Loki
// holds each exactly once. Reads every line of the run page by page (5,000 entries each),
// keeping only how many copies each (service, seq) has. Lists lost, duplicated, broken (naming the
// wrong trace) and unexpected lines, each naming the request (seq and trace id); a lost line is
// excused only by a declared, verified fault on its service's log path (attribution.h), the others
// never. Parameters: those of log_expectation.h, buffer_allowance (0s), recover_within (15s),
// allow_loss_in_windows (true), judge (all | after_heal).
#pragma once

#include <functional>

#include "harness/checks/check.h"
#include "harness/checks/log_expectation.h"
#include "harness/checks/loss_attribution.h"
#include "harness/core/param_decl.h"
#include "harness/system/system.h"

namespace unbroken {

class LogsCompleteness final : public Check {
 public:
  LogsCompleteness(const CheckSpec& spec, const System& system);
  std::string name() const override { return "logs.completeness"; }
  static ParamDecls parameters();
  bool settled(const CheckContext& context) override;
  Verdict evaluate(const CheckContext& context) override;

 private:
  LossPolicy policy_;
  LogExpectation expected_;
};

// Gives `visit` every line `selector` selects from the run (its stack start, a minute
// earlier for clock skew, to now), as Loki returns it, a page at a time.
void visit_run_logs(const CheckContext& context, const std::string& selector,
                    const std::function<void(const LogLine&)>& visit);

}  // namespace unbroken
