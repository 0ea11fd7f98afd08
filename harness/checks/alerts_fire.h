// AlertsFire ("alerts.fire"): the alert reaches firing within `fire_within` (default 30s)
// of its fault's injection and resolves within `resolve_within` (default 30s) of the heal,
// and never fires before the fault (a false alarm). Read from Prometheus's own record of
// its alerts, the ALERTS series (alertstate="firing"; a sample per rule evaluation): fired
// at the first firing sample, resolved by one evaluation after the last.
// Parameters: alert (required), match, target (see alert_selection.h), fire_within,
// resolve_within.
#pragma once

#include "harness/checks/alert_selection.h"
#include "harness/checks/check.h"

namespace unbroken {

class AlertsFire final : public Check {
 public:
  explicit AlertsFire(const CheckSpec& spec);
  std::string name() const override { return "alerts.fire"; }
  bool settled(const CheckContext& context) override;
  Verdict evaluate(const CheckContext& context) override;

 private:
  struct Firing {
    std::optional<TimePoint> first;
    std::optional<TimePoint> last;
  };
  Firing observe(const CheckContext& context) const;

  AlertSelection selection_;
  Millis fire_within_;
  Millis resolve_within_;
};

}  // namespace unbroken
