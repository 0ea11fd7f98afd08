// `unbroken run <file|dir>...` with more than one scenario: a suite. Every scenario is
// checked first (any error: exit 2, nothing started), then each runs as its own
// `unbroken run` process — its own stack, reaper and report directory — `jobs` at a time,
// the longest load first (suite_jobs.h: longest_first).
// The suite's directory, <report root>/suite-<id>/, holds one directory per run
// (NN-<scenario stem>/, with the run's console.log), the merged junit.xml, summary.md
// (appended to $GITHUB_STEP_SUMMARY when that is set) and index.html. The exit code is the
// worst of the runs' (exit_code.h). SIGINT or SIGTERM is passed on to every run, each
// cleans up, and no further run starts: exit 130.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <vector>

#include "harness/cli/run_command.h"
#include "harness/core/exit_code.h"

namespace unbroken {

struct SuiteOptions {
  std::vector<std::filesystem::path> scenarios;  // as scenario_files() expanded them
  std::optional<std::size_t> jobs;               // unset: default_suite_jobs()
  RunOptions run;                                // what every run is given
};

ExitCode suite_command(const SuiteOptions& options);

}  // namespace unbroken
