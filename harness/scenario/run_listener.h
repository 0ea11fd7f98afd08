// RunListener: receives a run's events in the order they happen. Reporters (console,
// report.json, junit.xml) are listeners. All methods have no-op defaults; a listener must
// not throw (the Runner logs and ignores exceptions from listeners).
#pragma once

#include "harness/scenario/load_progress.h"
#include "harness/scenario/run_record.h"

namespace unbroken {

class RunListener {
 public:
  virtual ~RunListener() = default;
  virtual void on_run_start(const RunRecord&) {}
  // A phase began or a notable thing happened; `event` was just appended to the timeline.
  virtual void on_event(const RunRecord&, const TimelineEvent&) {}
  virtual void on_verdict(const RunRecord&, const Verdict&) {}
  // About once a second while the load runs, from the run's progress thread: a listener
  // that overrides this synchronises it with its other methods.
  virtual void on_load_progress(const LoadProgress&) {}
  // The run is over and the stack is torn down; `record` is final.
  virtual void on_run_end(const RunRecord&) {}
};

}  // namespace unbroken
