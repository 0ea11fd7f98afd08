#include "harness/cli/recover_command.h"

#include <fmt/format.h>

#include "harness/runtime/run_sweeper.h"

namespace unbroken {

RecoverSummary recover_dead_runs(ProcessRunner& runner, std::ostream& out) {
  RecoverSummary summary;
  for (const auto& [run_id, pid] : labelled_runs(runner)) {
    if (process_alive(pid)) {
      ++summary.runs_alive;
      continue;
    }
    const auto leftovers = remove_run(runner, run_id);
    ++summary.runs_removed;
    out << fmt::format("recover: removed what run {} left (its harness, pid {}, is gone){}\n",
                       run_id, pid,
                       leftovers.empty() ? "" : "; still there: " + leftovers.to_string());
    summary.leftovers = summary.leftovers || !leftovers.empty();
  }
  return summary;
}

}  // namespace unbroken
