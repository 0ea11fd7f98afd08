// `unbroken run`: the composition root for one scenario run. Wires the real Docker
// runtime, HTTP transport, clock, registries and reporters, runs, and returns the exit code.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "harness/core/exit_code.h"

namespace unbroken {

struct RunOptions {
  std::filesystem::path scenario;
  std::string images = "official";
  std::filesystem::path report_root = "reports";
  std::filesystem::path compose_dir;  // empty: see resolve_compose_dir()
  std::optional<std::uint64_t> seed;
  bool verbose = false;
  bool dry_run = false;  // validate and print the plan; touch nothing
};

// Throws ConfigError for a bad scenario, image set or missing engine. With dry_run, only
// validates and prints the resolved plan: no Docker command, no report directory.
ExitCode run_command(const RunOptions& options);

}  // namespace unbroken
