#include "harness/scenario/prepared_scenario.h"

#include <fmt/format.h>

#include "harness/core/duration.h"
#include "harness/runtime/service_catalog.h"

namespace unbroken {

PreparedScenario prepare_scenario(const Scenario& scenario, const FaultRegistry& faults,
                                  const CheckRegistry& checks, FaultContext& context) {
  PreparedScenario prepared;
  for (const auto& spec : scenario.timeline) {
    if (!find_service(spec.target)) {
      throw ConfigError(spec.where, fmt::format("unknown target '{}' (this stack has: {})",
                                                spec.target, known_services()));
    }
    prepared.faults.push_back(faults.create(spec, context));
  }
  for (const auto& spec : scenario.expectations) prepared.checks.push_back(checks.create(spec));
  return prepared;
}

std::vector<std::string> describe_plan(const Scenario& scenario, const PreparedScenario& prepared) {
  std::vector<std::string> lines;
  lines.push_back(fmt::format("load: {} requests/s for {} ({} requests) to gateway {}",
                              scenario.load.rate_per_s, format_duration(scenario.load.duration),
                              scenario.load.total_requests(), scenario.load.path));
  for (std::size_t i = 0; i < prepared.faults.size(); ++i) {
    const auto& spec = scenario.timeline[i];
    lines.push_back(fmt::format("fault at +{}: {}{}; healed at +{}", format_duration(spec.at),
                                prepared.faults[i]->describe(),
                                spec.declared ? "" : " (undeclared)",
                                format_duration(spec.at + spec.duration)));
  }
  for (const auto& check : prepared.checks) lines.push_back("check: " + check->name());
  return lines;
}

}  // namespace unbroken
