// ConsoleReporter: one line per run event on a stream (stdout by default), the verdicts,
// and a closing summary with the exit code and where the report is. When `live` (the
// stream is a terminal), a progress line is redrawn in place while the load runs, and
// erased before the next event's line. Otherwise (a log, a CI page) the progress line is
// written as a plain line once every kPlainProgressEvery of load, so a long load shows its
// counts as it goes; a shorter load writes only the event lines.
#pragma once

#include <mutex>
#include <ostream>

#include "harness/core/time.h"
#include "harness/scenario/run_listener.h"

namespace unbroken {

inline constexpr Millis kPlainProgressEvery{30'000};

class ConsoleReporter final : public RunListener {
 public:
  // `columns`: the terminal's width; a longer progress line is cut to fit, since a line
  // that wraps cannot be redrawn in place.
  explicit ConsoleReporter(std::ostream& out, bool live = false, int columns = 80)
      : out_(out), live_(live), columns_(columns) {}
  void on_run_start(const RunRecord& record) override;
  void on_event(const RunRecord& record, const TimelineEvent& event) override;
  void on_verdict(const RunRecord& record, const Verdict& verdict) override;
  void on_load_progress(const LoadProgress& progress) override;
  void on_run_end(const RunRecord& record) override;

 private:
  // Writes `text` as whole lines, after erasing the progress line if one is shown.
  void write_lines(const std::string& text);

  std::ostream& out_;
  const bool live_;
  const int columns_;
  std::mutex mutex_;
  bool progress_shown_ = false;
  Millis next_plain_progress_ = kPlainProgressEvery;  // of load elapsed; off a terminal
};

}  // namespace unbroken
