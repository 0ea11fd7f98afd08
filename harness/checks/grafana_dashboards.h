// GrafanaDashboards ("grafana.dashboards"): what a person opens in Grafana is there at the
// end of the run, whatever happened to Grafana during it:
//  - every provisioned dashboard in `dashboards` (default: the system's `run_dashboard`;
//    required when the system declares none);
//  - when the system has a run dashboard, the run's own copy of it, saved through the API
//    at observation start;
//  - the "run started" annotation, written before any fault;
//  - exactly one annotation per fault window, tagged fault and run:<id>, from the
//    injection to the heal (to the millisecond);
//  - and the provisioned dashboard's annotation query (its tag queries) selects every one
//    of those fault annotations.
// The first three were written before the faults, so a Grafana restart that lost them
// (no volume on /var/lib/grafana) or a deletion mid-run fails the check.
// Parameters: dashboards (comma-separated uids).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/checks/check.h"
#include "harness/core/param_decl.h"
#include "harness/system/system.h"

namespace unbroken {

class GrafanaDashboards final : public Check {
 public:
  GrafanaDashboards(const CheckSpec& spec, const System& system);
  std::string name() const override { return "grafana.dashboards"; }
  static ParamDecls parameters();
  Verdict evaluate(const CheckContext& context) override;

 private:
  std::vector<std::string> dashboards_;
  std::optional<std::string> run_dashboard_;  // the system's
};

}  // namespace unbroken
