// GrafanaRunMarks: what the harness writes into the stack's Grafana so a person opening it
// sees the run. At observation start: the run's own dashboard (a copy of the provisioned
// "unbroken run" dashboard with its time range pinned to the run, saved through the API)
// and a point annotation "run started". After each fault is healed: one region annotation
// from its injection to its heal. Tags follow grafana_run_tags.h. A write that fails is
// retried until `patience` has passed (Grafana may itself be the fault's target), then
// recorded with its error: never thrown, since marking is not what the run is judged on.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "harness/backends/grafana_client.h"
#include "harness/checks/fault_window.h"
#include "harness/core/clock.h"
#include "harness/scenario/grafana_mark.h"

namespace unbroken {

class GrafanaRunMarks {
 public:
  GrafanaRunMarks(std::string run_id, const Clock& clock, Millis patience)
      : run_id_(std::move(run_id)), clock_(clock), patience_(patience) {}

  // `grafana` makes a client for Grafana's current address (a restart moves its port).
  using Connect = std::function<GrafanaClient()>;
  void run_started(const Connect& grafana, TimePoint at);
  void fault_window(const Connect& grafana, const FaultWindow& window);
  const std::vector<GrafanaMark>& marks() const { return marks_; }

 private:
  // Runs `write` until it succeeds or patience ends; returns the last error or "".
  template <typename Write>
  std::string with_patience(Write write);
  // Records a mark, warning when it could not be written.
  void keep(GrafanaMark mark);

  std::string run_id_;
  const Clock& clock_;
  Millis patience_;
  std::vector<GrafanaMark> marks_;
};

}  // namespace unbroken
