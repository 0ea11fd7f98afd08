#include "harness/scenario/prepared_scenario.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "harness/core/duration.h"
#include "harness/scenario/services_to_start.h"

namespace unbroken {

PreparedScenario prepare_scenario(const Scenario& scenario, const FaultRegistry& faults,
                                  const CheckRegistry& checks, FaultContext& context) {
  const auto& system = context.system;
  if (!system.load) {
    throw ConfigError(scenario.file.string() + ": system '" + system.name + "' (" +
                      system.file.string() +
                      ") declares no 'load' entry: unbroken does not know where to send the load");
  }
  PreparedScenario prepared;
  for (const auto& spec : scenario.timeline) {
    auto choices = spec.target_choices;
    if (choices.empty()) choices.push_back(spec.target);
    for (const auto& target : choices) {
      if (!system.service(target) && !system.proxied_path(target)) {
        throw ConfigError(
            spec.where,
            fmt::format("unknown target '{}': system '{}' has the services {}; "
                        "proxied paths: {}",
                        target, system.name, system.service_names(), system.proxied_path_names()));
      }
    }
    prepared.faults.push_back(faults.create(spec, context));
  }
  refuse_conflicting_faults(scenario.timeline, faults);
  for (const auto& spec : scenario.expectations) {
    prepared.checks.push_back(checks.create(spec, system));
  }
  return prepared;
}

std::string describe_requests(const LoadPlan& plan) {
  std::vector<std::string> kinds;
  for (const auto& r : plan.requests) {
    kinds.push_back(plan.requests.size() == 1 ? r.describe()
                                              : fmt::format("{} ×{}", r.describe(), r.weight));
  }
  return fmt::format("{}; succeeded: HTTP {}", fmt::join(kinds, ", "),
                     fmt::join(plan.success_statuses, "|"));
}

static_assert(kMaxLoadConnections == kMaxDriverWorkers,
              "a system may state as many connections as the driver holds, no more");

LoadTarget load_target(const Scenario& scenario, const System& system) {
  LoadTarget target{system.load->service, system.load->port, scenario.load};
  if (const int bound = system.load->max_connections; bound > 0) {
    target.plan.max_workers = bound;
    target.plan.workers = std::min(target.plan.workers, bound);
  }
  if (target.plan.requests.empty()) {
    RequestTemplate get;
    get.path = scenario.load.path.empty() ? system.load->path : scenario.load.path;
    target.plan.requests.push_back(get);
  }
  return target;
}

std::vector<std::string> describe_plan(const Scenario& scenario, const System& system,
                                       const PreparedScenario& prepared,
                                       const FaultRegistry& faults, const CheckRegistry& checks) {
  std::vector<std::string> lines;
  const auto load = load_target(scenario, system);
  lines.push_back(fmt::format(
      "load: {} requests/s for {} ({} requests) to {}:{} over at most {} connections{}: {}",
      load.plan.rate_per_s, format_duration(load.plan.duration), load.plan.total_requests(),
      load.service, load.port, load.plan.worker_limit(),
      load.plan.max_workers > 0 ? " (the system's load.max_connections)" : "",
      describe_requests(load.plan)));
  for (std::size_t i = 0; i < prepared.faults.size(); ++i) {
    const auto& spec = scenario.timeline[i];
    lines.push_back(fmt::format("fault at +{}: {}{}; healed at +{}", format_duration(spec.at),
                                prepared.faults[i]->describe(),
                                spec.declared ? "" : " (undeclared)",
                                format_duration(spec.at + spec.duration)));
    for (const auto& p : describe_params(spec.params, faults.parameters(spec.kind))) {
      lines.push_back("  " + p);
    }
  }
  for (const auto& spec : scenario.expectations) {
    lines.push_back("check: " + spec.name);
    for (const auto& p : describe_params(spec.params, checks.parameters(spec.name))) {
      lines.push_back("  " + p);
    }
  }
  if (const auto left_out = services_left_out(scenario, system, checks); !left_out.empty()) {
    lines.push_back(fmt::format("not started (start: when_needed, and nothing here needs them): {}",
                                fmt::join(left_out, ", ")));
  }
  return lines;
}

}  // namespace unbroken
