// JsonReporter: writes <report dir>/report.json when the run ends.
#pragma once

#include "harness/scenario/run_listener.h"

namespace unbroken {

class JsonReporter final : public RunListener {
 public:
  void on_run_end(const RunRecord& record) override;
};

}  // namespace unbroken
