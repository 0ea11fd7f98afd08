#include "harness/faults/fault_registry.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "harness/core/duration.h"
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
void add_kind(FaultRegistry& registry, const std::string& kind, bool acts_on_process = false) {
  registry.add(kind, {make<F>(), F::parameters(), acts_on_process});
}

// Where `spec` may be in force: from its earliest injection to its latest heal.
std::pair<Millis, Millis> extent(const FaultSpec& spec) {
  return {spec.at,
          spec.at_latest.value_or(spec.at) + spec.duration_longest.value_or(spec.duration)};
}

std::vector<std::string> targets(const FaultSpec& spec) {
  return spec.target_choices.empty() ? std::vector<std::string>{spec.target} : spec.target_choices;
}

std::optional<std::string> shared_target(const FaultSpec& a, const FaultSpec& b) {
  for (const auto& t : targets(a)) {
    const auto others = targets(b);
    if (std::find(others.begin(), others.end(), t) != others.end()) return t;
  }
  return std::nullopt;
}

}  // namespace

void register_builtin_faults(FaultRegistry& registry) {
  add_kind<KillFault>(registry, "kill", true);
  add_kind<StopFault>(registry, "stop", true);
  add_kind<RestartFault>(registry, "restart", true);
  add_kind<PauseFault>(registry, "pause", true);
  add_kind<PartitionFault>(registry, "partition");
  add_kind<MemoryPressureFault>(registry, "memory_pressure", true);
  add_kind<CpuThrottleFault>(registry, "cpu_throttle");
  add_kind<DiskFullFault>(registry, "disk_full");
  add_kind<ProxyDownFault>(registry, "down");
  for (const auto& kind : proxy_toxic_kinds()) {
    registry.add(kind, {make<ProxyToxicFault>(), ProxyToxicFault::parameters(kind)});
  }
}

void refuse_conflicting_faults(const std::vector<FaultSpec>& timeline,
                               const FaultRegistry& registry) {
  for (std::size_t later = 1; later < timeline.size(); ++later) {
    const auto& b = timeline[later];
    for (std::size_t earlier = 0; earlier < later; ++earlier) {
      const auto& a = timeline[earlier];
      const auto target = shared_target(a, b);
      if (!target) continue;
      const auto [a_from, a_to] = extent(a);
      const auto [b_from, b_to] = extent(b);
      if (b_from >= a_to || a_from >= b_to) continue;
      const bool both_on_process =
          registry.acts_on_process(a.kind) && registry.acts_on_process(b.kind);
      // Proxy toxics of one kind on the two streams of a path are two toxics.
      const bool same_kind = a.kind == b.kind && a.params.string_or("stream", "downstream") ==
                                                     b.params.string_or("stream", "downstream");
      if (!both_on_process && !same_kind) continue;
      throw ConfigError(
          b.target_where.file.empty() ? b.where : b.target_where,
          fmt::format("'{}' on {} from {} to {} overlaps '{}' on it from {} to {} (line {}): {}; "
                      "give them separate times or targets",
                      b.kind, *target, format_duration(b_from), format_duration(b_to), a.kind,
                      format_duration(a_from), format_duration(a_to), a.where.line,
                      both_on_process ? "both act on its process, so one would act on what the "
                                        "other did and its heal would undo the other's"
                                      : "two faults of one kind on one target, so the second's "
                                        "heal would undo the first"));
    }
  }
}

}  // namespace unbroken
