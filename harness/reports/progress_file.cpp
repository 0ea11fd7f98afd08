#include "harness/reports/progress_file.h"

#include <spdlog/spdlog.h>

#include <fstream>
#include <system_error>

#include "harness/core/time_format.h"

namespace unbroken {

void ProgressFileReporter::on_run_start(const RunRecord& record) {
  std::lock_guard lock(mutex_);
  file_ = record.report_dir / "progress.json";
  state_ = {{"run_id", record.run_id},
            {"scenario", record.scenario_name},
            {"phase", "starting"},
            {"detail", ""},
            {"at", format_rfc3339(WallClock::now())},
            {"load", nullptr}};
  write();
}

void ProgressFileReporter::on_event(const RunRecord&, const TimelineEvent& event) {
  std::lock_guard lock(mutex_);
  if (file_.empty()) return;
  state_["phase"] = event.phase;
  state_["detail"] = event.detail;
  state_["at"] = format_rfc3339(event.at);
  write();
}

void ProgressFileReporter::on_load_progress(const LoadProgress& progress) {
  std::lock_guard lock(mutex_);
  if (file_.empty()) return;
  if (last_load_write_ && progress.elapsed < *last_load_write_ + every_ &&
      progress.elapsed < progress.planned) {
    return;
  }
  last_load_write_ = progress.elapsed;
  state_["at"] = format_rfc3339(WallClock::now());
  state_["load"] = {{"elapsed_s", to_seconds(progress.elapsed)},
                    {"planned_s", to_seconds(progress.planned)},
                    {"sent", progress.counted.sent},
                    {"succeeded", progress.counted.succeeded},
                    {"rejected", progress.counted.rejected},
                    {"unknown", progress.counted.unknown},
                    {"faults_in_force", progress.faults_in_force}};
  write();
}

void ProgressFileReporter::on_run_end(const RunRecord&) {
  std::lock_guard lock(mutex_);
  if (file_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove(file_, ignored);
  file_.clear();
}

void ProgressFileReporter::write() {
  const auto partial = std::filesystem::path(file_).concat(".partial");
  {
    std::ofstream out(partial);
    out << state_.dump(2) << '\n';
    if (!out) {
      spdlog::warn("could not write {}", partial.string());
      return;
    }
  }
  std::error_code error;
  std::filesystem::rename(partial, file_, error);
  if (error) spdlog::warn("could not replace {}: {}", file_.string(), error.message());
}

}  // namespace unbroken
