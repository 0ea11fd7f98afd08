// GrafanaAvailable ("grafana.available"): Grafana answers GET /api/health with database
// "ok" at the end of the run, and after every fault on Grafana it is healthy again within
// `within` (default 30s) of the heal — measured live, from the heal to the first healthy
// answer. A Grafana fault after which it never answered healthy fails. No answer is not an
// answer: a probe that timed out says nothing about Grafana, so a window whose probes all
// timed out, or a last probe that did, leaves the check inconclusive, quoting the host's
// pressure. A refused connection (nothing listens) is evidence, and fails.
// Parameters: within.
#pragma once

#include <map>

#include "harness/checks/check.h"
#include "harness/core/param_decl.h"
#include "harness/system/system.h"

namespace unbroken {

class GrafanaAvailable final : public Check {
 public:
  GrafanaAvailable(const CheckSpec& spec, const System& system);
  std::string name() const override { return "grafana.available"; }
  static ParamDecls parameters();
  void on_fault_healed(const CheckContext& context, const std::string& target) override;
  Verdict evaluate(const CheckContext& context) override;

 private:
  std::string grafana_service_;  // the system's grafana backend
  Millis within_;
  // Per Grafana fault window that recovered (by its start): time from heal to healthy.
  std::map<TimePoint, Millis> recovered_after_;
  // Per Grafana fault window whose every probe timed out: the last error and the host's
  // pressure then.
  std::map<TimePoint, std::string> unobserved_;
};

}  // namespace unbroken
