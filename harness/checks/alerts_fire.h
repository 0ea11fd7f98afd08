// AlertsFire ("alerts.fire"): for each declared fault window it answers, the alert reaches
// firing within `fire_within` (default 30s) of that injection and resolves within
// `resolve_within` (default 30s) of that heal; it never fires outside those windows (a
// false alarm). Read from Prometheus's own record of its alerts, the ALERTS series
// (alertstate="firing"; a sample per rule evaluation), split into firing episodes where no
// firing sample came for 3 evaluations: an episode fired at its first sample and resolved
// by one evaluation after its last. Two outages, two episodes, each matched by time.
// Parameters: alert (required), match, target (see alert_selection.h), fire_within,
// resolve_within.
#pragma once

#include <vector>

#include "harness/checks/alert_selection.h"
#include "harness/checks/check.h"
#include "harness/core/param_decl.h"

namespace unbroken {

class AlertsFire final : public Check {
 public:
  AlertsFire(const CheckSpec& spec, const System& system);
  std::string name() const override { return "alerts.fire"; }
  static ParamDecls parameters();
  bool settled(const CheckContext& context) override;
  // The alert is one of the rules the run's Prometheus loaded; else a ConfigError.
  void before_faults(const CheckContext& context) override;
  Verdict evaluate(const CheckContext& context) override;

 private:
  struct Episode {
    TimePoint first;
    TimePoint last;
  };
  std::vector<Episode> observe(const CheckContext& context) const;

  AlertSelection selection_;
  Millis fire_within_;
  Millis resolve_within_;
};

}  // namespace unbroken
