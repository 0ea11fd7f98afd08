// ConsoleReporter: one progress line per run event on a stream (stdout by default), the
// verdicts, and a closing summary with the exit code and where the report is.
#pragma once

#include <ostream>

#include "harness/scenario/run_listener.h"

namespace unbroken {

class ConsoleReporter final : public RunListener {
 public:
  explicit ConsoleReporter(std::ostream& out) : out_(out) {}
  void on_run_start(const RunRecord& record) override;
  void on_event(const RunRecord& record, const TimelineEvent& event) override;
  void on_verdict(const RunRecord& record, const Verdict& verdict) override;
  void on_run_end(const RunRecord& record) override;

 private:
  std::ostream& out_;
};

}  // namespace unbroken
