// `unbroken run`: the composition root for one scenario run. Wires the real Docker
// runtime, HTTP transport, clock, registries and reporters, runs, and returns the exit code.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/exit_code.h"
#include "harness/core/time.h"

namespace unbroken {

// One fault of a recorded timeline, as drawn: what `unbroken replay` must reproduce.
struct PlannedFault {
  std::string kind;
  std::string target;
  Millis at{0};
  Millis duration{0};
  bool operator==(const PlannedFault&) const = default;
};

struct RunOptions {
  std::filesystem::path scenario;
  std::optional<std::string> images;  // unset: "official" when the system has that set
  std::filesystem::path report_root = "reports";
  std::filesystem::path run_dir;  // this run's exact report directory; empty: report_root/<run id>
  std::filesystem::path system;   // for scenarios that name none; empty: compose/system.yaml
  std::optional<std::uint64_t> seed;
  bool verbose = false;
  bool dry_run = false;  // validate and print the plan; touch nothing
  // Replay: the fault sequence the seed must draw again, or the run is refused.
  std::optional<std::vector<PlannedFault>> expected_faults;
  // Replay: the recorded scenario as written, run instead of what `scenario` holds now
  // (`scenario` still names it, and places what it refers to).
  std::optional<std::string> scenario_text;
};

// Checks everything a run needs before it touches Docker, as `validate` does: the scenario,
// its checks and faults, its system, overrides and image set. Throws ConfigError naming
// the file:line:col of what is wrong.
void validate_run(const RunOptions& options);

// Throws ConfigError for a bad scenario, image set or missing engine. With dry_run, only
// validates and prints the resolved plan: no Docker command, no report directory. The
// plan and the run's console go to `out`.
ExitCode run_command(const RunOptions& options, std::ostream& out = std::cout);

}  // namespace unbroken
