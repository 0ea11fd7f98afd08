// logs.completeness: for every request the load driver saw succeed, each service of the
// chain logged exactly one line (service, seq) and Loki holds it exactly once. Reads every
// line of the run with LokiClient::query_all (paging past 5,000 entries). Lists lost,
// duplicated, broken (naming the wrong trace) and unexpected lines; a lost line is excused
// only by a declared, verified fault on its service's log path (attribution.h), the others
// never. Parameters: buffer_allowance (0s), recover_within (15s), allow_loss_in_windows
// (true), judge (all | after_heal).
#pragma once

#include "harness/checks/check.h"
#include "harness/checks/loss_attribution.h"
#include "harness/system/system.h"

namespace unbroken {

class LogsCompleteness final : public Check {
 public:
  LogsCompleteness(const CheckSpec& spec, const System& system);
  std::string name() const override { return "logs.completeness"; }
  bool settled(const CheckContext& context) override;
  Verdict evaluate(const CheckContext& context) override;

 private:
  LossPolicy policy_;
};

// Every workload log line of the run, as Loki returns it.
std::vector<LogLine> read_workload_logs(const CheckContext& context);

}  // namespace unbroken
