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

void FaultRegistry::add(const std::string& kind, FaultKindDef def) {
  kinds_[kind] = std::move(def);
}

std::unique_ptr<Fault> FaultRegistry::create(const FaultSpec& spec, FaultContext& context) const {
  const auto it = kinds_.find(spec.kind);
  if (it == kinds_.end()) {
    throw ConfigError(spec.where, fmt::format("unknown fault '{}' (known: {})", spec.kind,
                                              fmt::join(kinds(), ", ")));
  }
  validate_params(spec.params, it->second.parameters, fmt::format("fault '{}'", spec.kind));
  return it->second.make(spec, context);
}

std::string FaultRegistry::reference() const {
  std::string text;
  for (const auto& [kind, def] : kinds_) {
    text += fmt::format("### `{}`\n\n{}\n", kind, params_markdown(def.parameters));
  }
  return text;
}

std::vector<std::string> FaultRegistry::kinds() const {
  std::vector<std::string> names;
  for (const auto& [name, def] : kinds_) names.push_back(name);
  return names;
}

namespace {

template <typename F>
FaultFactory make() {
  return [](const FaultSpec& spec, FaultContext& context) {
    return std::make_unique<F>(spec, context);
  };
}

template <typename F>
void add_kind(FaultRegistry& registry, const std::string& kind) {
  registry.add(kind, {make<F>(), F::parameters()});
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
  for (const auto& kind : proxy_toxic_kinds()) {
    registry.add(kind, {make<ProxyToxicFault>(), ProxyToxicFault::parameters(kind)});
  }
}

}  // namespace unbroken
