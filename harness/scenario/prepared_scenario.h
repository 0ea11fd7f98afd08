// Turning a Scenario into the objects a run needs — one Fault per timeline entry, one
// Check per expectation — validating every target and parameter. Nothing here touches the
// stack, so `unbroken validate` and `run --dry-run` use it without Docker.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "harness/checks/check_registry.h"
#include "harness/faults/fault_registry.h"
#include "harness/scenario/scenario.h"

namespace unbroken {

struct PreparedScenario {
  std::vector<std::unique_ptr<Fault>> faults;  // in timeline order
  std::vector<std::unique_ptr<Check>> checks;  // in expectation order
};

// Validates every fault target and check against context.system. Throws ConfigError at the
// offending file:line:col.
PreparedScenario prepare_scenario(const Scenario& scenario, const FaultRegistry& faults,
                                  const CheckRegistry& checks, FaultContext& context);

// The resolved plan for people: the load, each fault with its inject and heal offsets,
// and each check; under each fault and check, the parameters it runs with, defaults named
// (lines of parameters start with two spaces); last, the services it will not start
// (services_to_start.h), if any.
std::vector<std::string> describe_plan(const Scenario& scenario, const System& system,
                                       const PreparedScenario& prepared,
                                       const FaultRegistry& faults, const CheckRegistry& checks);

// Where the scenario's load goes: its system's load entry, with the scenario's plan (a path
// the scenario leaves empty is the entry's).
struct LoadTarget {
  std::string service;
  int port = 0;
  LoadPlan plan;
};
LoadTarget load_target(const Scenario& scenario, const System& system);
// "POST /orders ×3, GET /items ×1; succeeded: HTTP 200|201", for people.
std::string describe_requests(const LoadPlan& plan);

}  // namespace unbroken
