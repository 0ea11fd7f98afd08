// ProgressFileReporter: keeps <report dir>/progress.json current while a run goes, so a
// soak's interim counts can be read before it ends, and outlive a harness that dies: the
// phase at every event, and the load's counts (sent, succeeded, rejected, unknown, the
// faults in force) every `every` of load. Each write replaces the file whole (written
// beside it, then renamed): a reader never sees half a file. When the run ends the file is
// removed, since report.json then holds everything.
// Thread safety: on_load_progress comes from the run's progress thread, the rest from the
// runner's; all are serialised.
#pragma once

#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

#include "harness/core/time.h"
#include "harness/scenario/run_listener.h"

namespace unbroken {

class ProgressFileReporter final : public RunListener {
 public:
  static constexpr Millis kEvery{30'000};

  explicit ProgressFileReporter(Millis every = kEvery) : every_(every) {}
  void on_run_start(const RunRecord& record) override;
  void on_event(const RunRecord& record, const TimelineEvent& event) override;
  void on_load_progress(const LoadProgress& progress) override;
  void on_run_end(const RunRecord& record) override;

 private:
  void write();  // with mutex_ held

  Millis every_;
  std::mutex mutex_;
  std::filesystem::path file_;  // empty: no run started
  nlohmann::json state_;
  std::optional<Millis> last_load_write_;
};

}  // namespace unbroken
