// `unbroken replay <report.json>`: re-runs a recorded run — its scenario file, its seed,
// its image set — and refuses (ConfigError, exit 2) when the seed no longer draws the
// recorded fault sequence (the scenario file changed since), so a replay is either the
// same timeline or nothing.
#pragma once

#include <filesystem>
#include <vector>

#include "harness/cli/run_command.h"
#include "harness/scenario/scenario.h"

namespace unbroken {

// The run options that replay `report` (scenario, seed, images and the recorded fault
// sequence); `base` supplies the rest (report directory, compose directory, verbosity).
// Throws ConfigError naming the report and what it lacks.
RunOptions replay_options(const std::filesystem::path& report, RunOptions base);

// Throws ConfigError unless `scenario`'s resolved timeline is exactly `expected`.
void check_replayed_faults(const std::vector<PlannedFault>& expected, const Scenario& scenario);

}  // namespace unbroken
