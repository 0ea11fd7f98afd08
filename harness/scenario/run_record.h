// RunRecord: everything a run did and found, as plain data. The Runner fills it in as the
// run goes; listeners render it (console, report.json, junit.xml).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/backends/counting_transport.h"
#include "harness/checks/fault_window.h"
#include "harness/core/exit_code.h"
#include "harness/core/host_pressure.h"
#include "harness/core/verdict.h"
#include "harness/faults/fault.h"
#include "harness/ledger/outcomes_per_second.h"
#include "harness/ledger/request_ledger.h"
#include "harness/scenario/during_load_verification.h"
#include "harness/scenario/grafana_mark.h"
#include "harness/workload/load_driver.h"

namespace unbroken {

struct TimelineEvent {
  TimePoint at{};
  std::string phase;  // "stack up", "warm-up", "fault injected", ...
  std::string detail;
};

struct FaultRecord {
  std::string kind;
  std::string target;
  std::string description;
  bool declared = true;
  Millis planned_at{0};
  Millis planned_duration{0};
  std::optional<TimePoint> injected_at;  // inject command issued
  Effect inject_effect;
  std::optional<TimePoint> healed_at;  // heal command issued
  Effect heal_effect;
  std::string error;  // an inject or heal action that failed
};

// The image one service ran, as the engine created its container.
struct ServiceImage {
  std::string image;         // the reference (e.g. grafana/loki:3.5.0)
  std::string image_id;      // the engine's id of it
  std::string stand_in_for;  // the real system the project's stand-in replaces; "" when real
};

// A backend role of the system and what served it.
struct BackendServed {
  std::string role;  // "prometheus", "jaeger", ...
  std::string service;
};

struct RunRecord {
  std::string run_id;
  std::string scenario_name;
  std::filesystem::path scenario_file;
  std::string scenario_text;  // the scenario file as written
  std::string system_name;
  std::filesystem::path system_file;
  std::uint64_t seed = 0;
  std::vector<std::string> random_choices;  // what the seed drew, one line each
  std::filesystem::path report_dir;
  std::string image_set;
  std::string harness_version;
  EngineIdentity engine;                               // empty until the stack is started
  std::map<std::string, ServiceImage> service_images;  // service -> its image, at stack-up
  std::vector<BackendServed> backends;                 // the system's backend roles

  TimePoint started{};
  std::optional<TimePoint> stack_ready;
  std::optional<TimePoint> load_started;
  std::optional<TimePoint> observe_from;
  std::optional<TimePoint> load_ended;
  TimePoint finished{};

  std::vector<TimelineEvent> timeline;
  std::vector<FaultRecord> faults;
  std::vector<FaultWindow> windows;
  std::vector<Verdict> verdicts;
  LedgerTotals ledger;
  LoadStats load;
  std::vector<SecondOfLoad> load_per_second;     // from load start
  std::map<std::string, std::string> endpoints;  // service -> URL at stack-up
  // Services of the system declared `start: when_needed` that this run did not start
  // (services_to_start.h).
  std::vector<std::string> services_not_started;
  std::vector<std::string> leftovers;      // resources teardown could not remove
  std::vector<GrafanaMark> grafana_marks;  // what the run wrote into Grafana
  bool interrupted = false;
  // The harness process's peak resident memory and CPU time (user and system) at the
  // run's end; in a suite, its runs share one process.
  long peak_rss_kib = 0;
  double cpu_seconds = 0;
  // The host's pressure at its highest while the load ran, sampled about once a second.
  HostPressure host_peak;
  int host_samples = 0;
  // The harness's own backend queries and service probes: how many got no answer.
  ExchangeCounts backend_exchanges;
  // What the checks verified while the load ran (during_load_verification.h).
  DuringLoadCounts during_load;
  // The slowest engine command of the faults (an inject or a heal), and which.
  Millis slowest_fault_command{0};
  std::string slowest_fault_command_was;

  VerdictStatus status = VerdictStatus::kErrored;
  ExitCode exit_code = ExitCode::kHarnessError;
};

}  // namespace unbroken
