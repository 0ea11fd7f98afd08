#include "harness/scenario/services_to_start.h"

#include <iterator>
#include <set>
#include <utility>

namespace unbroken {
namespace {

// Every value of `params` as its items (Params::list_or: a list's single values, or a
// single value's comma-separated parts). Mappings, and lists of them, name no service.
std::vector<std::string> items_of(const Params& params) {
  std::vector<std::string> items;
  for (const auto& [key, value] : params.keys_with_values()) {
    if (value.shape == ValueShape::kMapping || (value.shape == ValueShape::kList && !value.items)) {
      continue;
    }
    for (auto& item : params.list_or(key, "")) items.push_back(std::move(item));
  }
  return items;
}

class NeededServices {
 public:
  explicit NeededServices(const System& system) : system_(system) {}

  // `name` if it is a service of the system (a parameter's value may be anything).
  void add(const std::string& name) {
    if (system_.service(name)) needed_.insert(name);
  }
  void add_backend(BackendRole role) {
    if (const auto* backend = system_.backend(role)) add(backend->service);
  }
  // A fault's target is a service or a path of the fault proxy.
  void add_target(const std::string& target) {
    if (system_.proxied_path(target)) {
      add(system_.fault_proxy->service);
    } else {
      add(target);
    }
  }
  // The hops that carry items to a needed service: every hop after the emitter of a
  // signal path ending at one, until no path adds one. (What an emitter sends to a needed
  // backend does not make the emitter needed.)
  void close_over_signal_paths() {
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto* routes : {&system_.signals.spans, &system_.signals.logs,
                                 &system_.signals.metrics, &system_.signals.alerts}) {
        for (const auto& [emitter, hops] : routes->by_emitter) {
          if (hops.empty() || !needed_.count(hops.back())) continue;
          for (auto hop = std::next(hops.begin()); hop != hops.end(); ++hop) {
            if (system_.service(*hop) && needed_.insert(*hop).second) grew = true;
          }
        }
      }
    }
  }
  bool needs(const std::string& service) const { return needed_.count(service) != 0; }

 private:
  const System& system_;
  std::set<std::string> needed_;
};

}  // namespace

std::vector<std::string> services_left_out(const Scenario& scenario, const System& system,
                                           const CheckRegistry& checks) {
  NeededServices needed(system);
  for (const auto& spec : scenario.expectations) {
    for (const auto role : checks.reads(spec.name)) needed.add_backend(role);
    for (const auto& item : items_of(spec.params)) needed.add(item);
  }
  for (const auto& spec : scenario.timeline) {
    needed.add_target(spec.target);
    for (const auto& target : spec.target_choices) needed.add_target(target);
    for (const auto& item : items_of(spec.params)) needed.add(item);
  }
  if (const auto* grafana = system.backend(BackendRole::kGrafana);
      grafana && needed.needs(grafana->service)) {
    for (const auto role : {BackendRole::kPrometheus, BackendRole::kJaeger, BackendRole::kLoki}) {
      needed.add_backend(role);
    }
  }
  needed.close_over_signal_paths();
  std::vector<std::string> left_out;
  for (const auto& service : system.services) {
    if (service.start_when_needed && !needed.needs(service.name)) left_out.push_back(service.name);
  }
  return left_out;
}

}  // namespace unbroken
