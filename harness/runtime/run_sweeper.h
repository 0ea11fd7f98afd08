// Run sweeping: finding and removing what runs left behind, by label. Every container,
// network and volume of a run carries io.unbroken.run=<run id> and io.unbroken.pid=<pid of
// the harness that started it>. A run whose harness process is gone is dead, and all of
// its resources may be removed. Used by teardown, by the reaper, at the start of every run
// and by `unbroken recover`.
#pragma once

#include <map>
#include <string>

#include "harness/runtime/process_runner.h"
#include "harness/runtime/runtime.h"

namespace unbroken {

inline constexpr const char* kPidLabel = "io.unbroken.pid";

// Every run that has a labelled resource, with the pid of its harness (0 when unknown).
// Throws std::runtime_error when the engine does not answer a listing.
std::map<std::string, int> labelled_runs(ProcessRunner& runner);

// Force-removes every container, network and volume labelled with `run_id` (containers
// first: they hold the others). Returns what is still there afterwards, including the
// listings the engine did not answer (then the sweep is not known to be clean). When the
// first listings are all answered and empty, they are the answer: nothing is listed again.
Leftovers remove_run(ProcessRunner& runner, const std::string& run_id);

// True when `pid` names a live process on this machine.
bool process_alive(int pid);

}  // namespace unbroken
