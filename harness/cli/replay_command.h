// `unbroken replay <report.json>`: re-runs a recorded run from its report alone — the
// scenario as the report recorded it, its seed, its image set — and refuses (ConfigError,
// exit 2) when the seed no longer draws the recorded fault sequence, so a replay is either
// the same timeline or nothing. Before it runs it says what differs from the recorded run
// on this machine: the scenario file, the harness, the engine, each service's image.
#pragma once

#include <filesystem>
#include <iostream>
#include <vector>

#include "harness/cli/run_command.h"
#include "harness/scenario/scenario.h"

namespace unbroken {

// The run options that replay `report` (scenario text, seed, images and the recorded fault
// sequence); `base` supplies the rest (report directory, system, verbosity). Prints to
// `out` what differs here from the recorded run (engine and images unless base.dry_run).
// Throws ConfigError naming the report and what it lacks.
RunOptions replay_options(const std::filesystem::path& report, RunOptions base,
                          std::ostream& out = std::cout);

// Throws ConfigError unless `scenario`'s resolved timeline is exactly `expected`.
void check_replayed_faults(const std::vector<PlannedFault>& expected, const Scenario& scenario);

}  // namespace unbroken
