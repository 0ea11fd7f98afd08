// What the alert checks share: which alert they judge (`alert`, plus optional `match`
// labels "job=inventory,severity=page") and which fault windows it answers (every declared
// window on `target`, or every declared window; each is judged on its own).
#pragma once

#include <string>
#include <vector>

#include "harness/backends/prometheus_client.h"
#include "harness/backends/prometheus_response.h"
#include "harness/checks/fault_window.h"
#include "harness/core/errors.h"
#include "harness/core/param_decl.h"
#include "harness/core/params.h"
#include "harness/system/system.h"

namespace unbroken {

struct AlertSelection {
  std::string alert;
  Labels match;          // further labels the alert must carry
  std::string target;    // the fault's target; "" = the first declared window
  SourceLocation where;  // the `alert` value's, for an alert no rule defines

  // Reads alert (required), match and target. Throws ConfigError.
  static AlertSelection from(const Params& params);
  static ParamDecls parameters();
  // ALERTS{alertname="X",alertstate="firing",job="inventory"}
  std::string firing_series() const;
  bool selects(const Labels& labels) const;
  std::vector<FaultWindow> windows(const std::vector<FaultWindow>& all) const;
  std::string describe() const;  // "UnbrokenTargetDown{job=\"inventory\"}"
  // Throws ConfigError at `where`, before anything starts, when the system's rules files
  // (alert_rules.h) define no alerting rule named `alert`; does nothing when they cannot say.
  void require_declared(const System& system, const std::string& check) const;
  // Throws ConfigError at `where` when `prometheus` has loaded no alerting rule named
  // `alert`: a check of an alert that cannot exist would only ever fail. When Prometheus
  // cannot say, `check` warns and the run goes on.
  void require_rule(const PrometheusClient& prometheus, const std::string& check) const;
};

}  // namespace unbroken
