// Scenario: the validated model of one scenario file. Every item keeps the file:line:col
// it came from, so errors found later (unknown fault parameter) still point at the file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/checks/check.h"
#include "harness/faults/fault.h"
#include "harness/workload/load_driver.h"

namespace unbroken {

// A compose file applied over the system's own, relative to the system file's directory.
struct OverrideFile {
  std::filesystem::path path;
  SourceLocation where;
};

struct StackConfig {
  std::vector<OverrideFile> overrides;
  Millis scrape_interval{1000};          // checked against the running Prometheus's config
  SourceLocation scrape_interval_where;  // where it was set, or the scenario file
  Millis ready_timeout{120'000};
};

struct Scenario {
  std::filesystem::path file;
  std::string text;  // the file as written, kept in every report so a run can be replayed
  std::string name;
  // The system file it runs against (absolute; relative to the scenario file in YAML);
  // empty: the default system (`--system`, else compose/system.yaml).
  std::filesystem::path system_file;
  SourceLocation system_where;
  std::string description;
  std::optional<std::uint64_t> seed;
  StackConfig stack;
  LoadPlan load;
  std::string workload_defects;  // seeded defects for self-tests (UNBROKEN_WORKLOAD_DEFECTS)
  Millis warmup_timeout{60'000};
  Millis verify_timeout{30'000};  // how long a fault's effect may take to show
  Millis settle_timeout{60'000};
  std::vector<FaultSpec> timeline;
  std::vector<CheckSpec> expectations;
};

}  // namespace unbroken
