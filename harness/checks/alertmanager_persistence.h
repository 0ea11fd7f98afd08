// alertmanager.persistence: Alertmanager keeps its state across a restart. Just before the
// first fault the check writes a silence that matches no alert (alertname
// "UnbrokenPersistenceProbe", unbroken_run=<run id>) and notes when the Alertmanager process
// started. At the end the same silence must still be there, active and unchanged.
//  - passed: the process started again during the run (its start time moved) and the
//    silence survived;
//  - failed: the process restarted and the silence is gone or changed; the reason names the
//    faults that acted on Alertmanager;
//  - inconclusive: the silence could not be written, or the process never restarted — its
//    persistence was not exercised, so there is nothing to judge.
// Alertmanager writes its silences to --storage.path at a graceful shutdown and every 15
// minutes: a SIGKILL loses those written since the last snapshot, a data directory that is
// not kept loses all of them. No parameters.
#pragma once

#include <optional>
#include <string>

#include "harness/backends/alertmanager_client.h"
#include "harness/checks/check.h"
#include "harness/core/param_decl.h"
#include "harness/system/system.h"

namespace unbroken {

class AlertmanagerPersistence final : public Check {
 public:
  AlertmanagerPersistence(const CheckSpec& spec, const System& system);
  std::string name() const override { return "alertmanager.persistence"; }
  static ParamDecls parameters() { return {}; }
  void before_faults(const CheckContext& context) override;
  Verdict evaluate(const CheckContext& context) override;

 private:
  std::string service_;  // the system's Alertmanager service
  std::optional<Silence> written_;
  std::optional<TimePoint> started_before_;
  std::string not_written_;  // why the silence could not be written
};

}  // namespace unbroken
