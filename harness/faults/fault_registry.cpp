#include "harness/faults/fault_registry.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/faults/cpu_throttle_fault.h"
#include "harness/faults/disk_full_fault.h"
#include "harness/faults/kill_fault.h"
#include "harness/faults/memory_pressure_fault.h"
#include "harness/faults/partition_fault.h"
#include "harness/faults/pause_fault.h"
#include "harness/faults/proxy_down_fault.h"
#include "harness/faults/proxy_toxic_fault.h"
#include "harness/faults/restart_fault.h"
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

namespace {

template <typename F>
void add_kind(FaultRegistry& registry, const std::string& kind) {
  registry.add(kind, [](const FaultSpec& spec, FaultContext& context) {
    return std::make_unique<F>(spec, context);
  });
}

}  // namespace

void register_builtin_faults(FaultRegistry& registry) {
  add_kind<KillFault>(registry, "kill");
  add_kind<StopFault>(registry, "stop");
  add_kind<RestartFault>(registry, "restart");
  add_kind<PauseFault>(registry, "pause");
  add_kind<PartitionFault>(registry, "partition");
  add_kind<MemoryPressureFault>(registry, "memory_pressure");
  add_kind<CpuThrottleFault>(registry, "cpu_throttle");
  add_kind<DiskFullFault>(registry, "disk_full");
  add_kind<ProxyDownFault>(registry, "down");
  for (const auto& kind : proxy_toxic_kinds()) add_kind<ProxyToxicFault>(registry, kind);
}

}  // namespace unbroken
