// Runner: executes one scenario end to end — stack up, load, fault timeline, settle,
// verify, report, teardown — and returns the RunRecord. It is the one place where
// infrastructure exceptions are caught and turned into errored or inconclusive verdicts;
// configuration errors (bad fault or check parameters) are thrown before the stack is
// touched, and one found later (no Docker engine) is thrown after teardown. Teardown runs on every
// exit path, including interruption by SIGINT/SIGTERM.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "harness/backends/grafana_client.h"
#include "harness/backends/http_transport.h"
#include "harness/checks/check_registry.h"
#include "harness/core/clock.h"
#include "harness/faults/fault_registry.h"
#include "harness/runtime/runtime.h"
#include "harness/scenario/run_listener.h"
#include "harness/scenario/scenario.h"
#include "harness/system/system.h"

namespace unbroken {

struct RunSetup {
  std::string run_id;
  std::filesystem::path report_dir;                // exists; the run writes into it
  System system;                                   // the system under test
  std::map<std::string, std::string> compose_env;  // image variables
  std::string image_set;                           // "official", "offline", for the report
  std::uint64_t seed = 0;
  std::vector<std::string> random_choices;  // what the seed drew (random_choices.h)
  GrafanaCredentials grafana_credentials;   // given to compose only, never reported
};

class Runner {
 public:
  Runner(Runtime& runtime, HttpTransport& http, const Clock& clock, const FaultRegistry& faults,
         const CheckRegistry& checks);
  void add_listener(RunListener& listener) { listeners_.push_back(&listener); }
  RunRecord run(const Scenario& scenario, const RunSetup& setup);
  // Validates `scenario` against `system` (targets, fault and check parameters, the
  // backends its checks read) without touching the stack
  // and returns the resolved plan, one line per item. Throws ConfigError.
  std::vector<std::string> plan(const Scenario& scenario, const System& system) const;

 private:
  Runtime& runtime_;
  HttpTransport& http_;
  const Clock& clock_;
  const FaultRegistry& fault_registry_;
  const CheckRegistry& check_registry_;
  std::vector<RunListener*> listeners_;
};

}  // namespace unbroken
