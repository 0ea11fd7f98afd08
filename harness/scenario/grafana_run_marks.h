// GrafanaRunMarks: what the harness writes into the stack's Grafana so a person opening it
// sees the run. At observation start: a point annotation "run started" and, when the system
// provisions a run dashboard (its grafana backend's `run_dashboard`), the run's own copy of
// it with its time range pinned to the run, saved through the API. After each fault is
// healed: one region annotation from its injection to its heal. The annotations belong to
// the run dashboard when there is one, else to the organisation (any dashboard's tag query
// shows them). Tags follow grafana_run_tags.h. A write that fails is
// retried until `patience` has passed (Grafana may itself be the fault's target), then
// recorded with its error: never thrown, since marking is not what the run is judged on.
// While a fault still holds Grafana down, a healed window's mark waits, so the timeline
// never waits on a Grafana that cannot answer; it is written at the next chance
// (fault_window with Grafana free, or flush at the end of the timeline).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/backends/grafana_client.h"
#include "harness/checks/fault_window.h"
#include "harness/core/clock.h"
#include "harness/scenario/grafana_mark.h"

namespace unbroken {

class GrafanaRunMarks {
 public:
  GrafanaRunMarks(std::string run_id, std::optional<std::string> run_dashboard, const Clock& clock,
                  Millis patience)
      : run_id_(std::move(run_id)),
        run_dashboard_(std::move(run_dashboard)),
        clock_(clock),
        patience_(patience) {}

  // `grafana` makes a client for Grafana's current address (a restart moves its port).
  using Connect = std::function<GrafanaClient()>;
  void run_started(const Connect& grafana, TimePoint at);
  // Marks `window`; with `grafana_held` (a fault in force acts on Grafana) it waits.
  void fault_window(const Connect& grafana, const FaultWindow& window, bool grafana_held);
  // Writes every mark still waiting.
  void flush(const Connect& grafana);
  // What was written, and what could not be (a mark never flushed says so).
  std::vector<GrafanaMark> marks() const;

 private:
  // Runs `write` until it succeeds or patience ends; returns the last error or "".
  template <typename Write>
  std::string with_patience(Write write);
  // Records a mark, warning when it could not be written.
  void keep(GrafanaMark mark);

  // Writes one fault window's annotation.
  void write_fault_window(const Connect& grafana, const FaultWindow& window);
  // Writes the run's copy of the run dashboard.
  void copy_run_dashboard(const Connect& grafana, TimePoint at);

  std::string run_id_;
  std::optional<std::string> run_dashboard_;
  const Clock& clock_;
  Millis patience_;
  std::vector<GrafanaMark> marks_;
  std::vector<FaultWindow> waiting_;  // healed windows whose mark is not written yet
};

}  // namespace unbroken
