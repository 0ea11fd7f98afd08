// AlertsDelivered ("alerts.delivered"): Alertmanager delivered every instance of the alert
// to the webhook receiver exactly once as firing and exactly once as resolved for each
// declared fault window it answers — the pager rang once per outage and was told once that
// each is over. Read from the receiver's record of every
// notification. Fails when none arrived, one arrived twice, or a resolution never came;
// the evidence gives each instance's delivery times and their delay after the fault's
// injection and heal.
// Parameters: alert (required), match, target (see alert_selection.h).
#pragma once

#include "harness/checks/alert_selection.h"
#include "harness/checks/check.h"
#include "harness/core/param_decl.h"

namespace unbroken {

class AlertsDelivered final : public Check {
 public:
  AlertsDelivered(const CheckSpec& spec, const System& system);
  std::string name() const override { return "alerts.delivered"; }
  static ParamDecls parameters();
  bool settled(const CheckContext& context) override;
  // The alert is one of the rules the run's Prometheus loaded; else a ConfigError.
  void before_faults(const CheckContext& context) override;
  Verdict evaluate(const CheckContext& context) override;

 private:
  struct Deliveries {
    std::vector<TimePoint> firing;
    std::vector<TimePoint> resolved;
  };
  std::map<std::string, Deliveries> observe(const CheckContext& context) const;

  AlertSelection selection_;
};

}  // namespace unbroken
