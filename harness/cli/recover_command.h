// `unbroken recover` (and the start of every run): removes every container, network and
// volume left by runs whose harness process is gone, printing what it removed. Throws
// std::runtime_error when the engine does not answer its listings: an unanswered listing
// is never reported as "nothing left".
#pragma once

#include <ostream>

#include "harness/core/exit_code.h"
#include "harness/runtime/process_runner.h"

namespace unbroken {

struct RecoverSummary {
  int runs_removed = 0;
  int runs_alive = 0;      // left alone: their harness is still running
  bool leftovers = false;  // something could not be removed
};

RecoverSummary recover_dead_runs(ProcessRunner& runner, std::ostream& out);

}  // namespace unbroken
