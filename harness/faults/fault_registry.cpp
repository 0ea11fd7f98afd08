#include "harness/faults/fault_registry.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/faults/kill_fault.h"
#include "harness/faults/pause_fault.h"
#include "harness/faults/stop_fault.h"

namespace unbroken {

void FaultRegistry::add(const std::string& kind, FaultFactory factory) {
  factories_[kind] = std::move(factory);
}

std::unique_ptr<Fault> FaultRegistry::create(const FaultSpec& spec, FaultContext& context) const {
  const auto it = factories_.find(spec.kind);
  if (it == factories_.end()) {
    throw ConfigError(spec.where, fmt::format("unknown fault '{}' (known: {})", spec.kind,
                                              fmt::join(kinds(), ", ")));
  }
  return it->second(spec, context);
}

std::vector<std::string> FaultRegistry::kinds() const {
  std::vector<std::string> names;
  for (const auto& [name, factory] : factories_) names.push_back(name);
  return names;
}

void register_builtin_faults(FaultRegistry& registry) {
  registry.add("kill", [](const FaultSpec& spec, FaultContext& context) {
    return std::make_unique<KillFault>(spec, context);
  });
  registry.add("stop", [](const FaultSpec& spec, FaultContext& context) {
    return std::make_unique<StopFault>(spec, context);
  });
  registry.add("pause", [](const FaultSpec& spec, FaultContext& context) {
    return std::make_unique<PauseFault>(spec, context);
  });
}

}  // namespace unbroken
