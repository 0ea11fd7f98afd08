#include "harness/scenario/grafana_run_marks.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "harness/backends/grafana_run_tags.h"
#include "harness/core/poll.h"
#include "harness/core/time_format.h"

namespace unbroken {
template <typename Write>
std::string GrafanaRunMarks::with_patience(Write write) {
  std::string error;
  poll_until(
      clock_, clock_.now() + patience_,
      [&] {
        try {
          write();
          error.clear();
          return true;
        } catch (const std::exception& e) {
          error = e.what();
          return false;
        }
      },
      Backoff{Millis{250}, Millis{2000}, 2.0});
  return error;
}

void GrafanaRunMarks::copy_run_dashboard(const Connect& grafana, TimePoint at) {
  GrafanaMark dashboard{"dashboard " + grafana_tags::run_dashboard_uid(run_id_),
                        to_unix_ms(at),
                        to_unix_ms(at),
                        0,
                        {}};
  dashboard.error = with_patience([&] {
    const auto client = grafana();
    auto copy = client.dashboard(*run_dashboard_);
    if (!copy) {
      throw std::runtime_error(
          fmt::format("the system's run dashboard '{}' is not provisioned", *run_dashboard_));
    }
    (*copy)["uid"] = grafana_tags::run_dashboard_uid(run_id_);
    (*copy)["title"] = "unbroken run " + run_id_;
    (*copy)["time"] = {{"from", format_rfc3339(at)}, {"to", "now"}};
    copy->erase("id");
    copy->erase("version");
    client.save_dashboard(*copy);
  });
  keep(std::move(dashboard));
}

void GrafanaRunMarks::run_started(const Connect& grafana, TimePoint at) {
  if (run_dashboard_) copy_run_dashboard(grafana, at);

  GrafanaMark started{"run started", to_unix_ms(at), to_unix_ms(at), 0, {}};
  started.error = with_patience([&] {
    started.annotation_id = grafana().add_annotation(
        {0,
         run_dashboard_.value_or(""),
         started.time_ms,
         started.time_ms,
         {grafana_tags::kUnbroken, grafana_tags::kRunStarted, grafana_tags::run(run_id_)},
         "unbroken run " + run_id_ + " started"});
  });
  keep(std::move(started));
}

void GrafanaRunMarks::fault_window(const Connect& grafana, const FaultWindow& window,
                                   bool grafana_held) {
  waiting_.push_back(window);
  if (!grafana_held) flush(grafana);
}

void GrafanaRunMarks::flush(const Connect& grafana) {
  for (const auto& window : waiting_) write_fault_window(grafana, window);
  waiting_.clear();
}

std::vector<GrafanaMark> GrafanaRunMarks::marks() const {
  auto all = marks_;
  for (const auto& window : waiting_) {
    all.push_back({window.fault, to_unix_ms(window.start), to_unix_ms(window.end), 0,
                   "not written: a fault held Grafana down until the run ended"});
  }
  return all;
}

void GrafanaRunMarks::write_fault_window(const Connect& grafana, const FaultWindow& window) {
  GrafanaMark mark{window.fault, to_unix_ms(window.start), to_unix_ms(window.end), 0, {}};
  mark.error = with_patience([&] {
    mark.annotation_id = grafana().add_annotation(
        {0,
         run_dashboard_.value_or(""),
         mark.time_ms,
         mark.time_end_ms,
         {grafana_tags::kUnbroken, grafana_tags::kFault, grafana_tags::run(run_id_),
          grafana_tags::target(window.target)},
         fmt::format("fault: {} ({} → {})", window.fault, format_rfc3339(window.start),
                     format_rfc3339(window.end))});
  });
  keep(std::move(mark));
}

void GrafanaRunMarks::keep(GrafanaMark mark) {
  if (!mark.error.empty()) {
    spdlog::warn("Grafana: could not write the mark '{}': {}", mark.what, mark.error);
  }
  marks_.push_back(std::move(mark));
}

}  // namespace unbroken
