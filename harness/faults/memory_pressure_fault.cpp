#include "harness/faults/memory_pressure_fault.h"

#include <fmt/format.h>

#include <algorithm>

#include "harness/core/byte_size.h"
#include "harness/core/poll.h"
#include "harness/faults/container_state_wait.h"
#include "harness/faults/resource_counters_wait.h"

namespace unbroken {
namespace {

constexpr std::int64_t kDockerMinimumLimit = 6LL << 20;
// Engines on cgroup v2 count no limit hits: usage this close to the limit is the pressure.
constexpr double kNearTheLimit = 0.95;
// Where the kernel refuses half the usage: the last limit tried in one step is this much
// above the usage, so any growth of the process meets it.
constexpr std::int64_t kJustAboveUsage = 1LL << 20;
constexpr int kLimitsTriedPerStep = 4;

}  // namespace

ParamDecls MemoryPressureFault::parameters() {
  return {
      {"until",
       ParamType::kChoice,
       "oom",
       false,
       "squeeze the memory limit until the kernel OOM-kills the service",
       {"oom"}},
      {"limit", ParamType::kBytes, "", false, "or set this memory limit instead (at least 6MiB)"}};
}

MemoryPressureFault::MemoryPressureFault(const FaultSpec& spec, FaultContext& context)
    : context_(context), target_(spec.target), fixed_limit_(spec.params.bytes("limit")) {
  const auto until = spec.params.string_or("until", fixed_limit_ ? "" : "oom");
  if (fixed_limit_ && spec.params.has("until")) {
    throw ConfigError(spec.params.where(),
                      "memory_pressure: give either 'limit' or 'until: oom', not both");
  }
  if (!fixed_limit_ && until != "oom") {
    throw ConfigError(spec.params.where(),
                      fmt::format("memory_pressure: 'until' must be 'oom', got '{}'", until));
  }
  if (fixed_limit_ && *fixed_limit_ < kDockerMinimumLimit) {
    throw ConfigError(spec.params.where(),
                      fmt::format("memory_pressure: limit {} is below docker's minimum of 6MiB",
                                  format_byte_size(*fixed_limit_)));
  }
}

std::string MemoryPressureFault::describe() const {
  if (fixed_limit_) {
    return fmt::format("memory_pressure on {} (limit {})", target_,
                       format_byte_size(*fixed_limit_));
  }
  return fmt::format("memory_pressure on {} until OOM-killed", target_);
}

void MemoryPressureFault::inject() {
  const auto before = context_.runtime.state(target_).memory_limit;
  restore_to_ = before > 0 ? before : context_.runtime.host_capacity().memory_bytes;
  if (!fixed_limit_) return tighten();
  if (try_limit(*fixed_limit_)) at_limit_ = context_.runtime.resource_counters(target_);
}

bool MemoryPressureFault::try_limit(std::int64_t bytes) {
  try {
    context_.runtime.update_limits(target_, {bytes, std::nullopt});
  } catch (const LimitRefused& refusal) {
    ++refused_;
    last_refusal_ = refusal.what();
    return false;
  }
  limit_ = bytes;
  return true;
}

void MemoryPressureFault::tighten() {
  const auto usage = context_.runtime.memory_usage(target_);
  if (usage == 0) return;  // it stopped since it was seen running: nothing holds memory
  const auto above_usage = usage + kJustAboveUsage;
  auto ask = std::max(kDockerMinimumLimit, usage / 2);
  for (int tried = 1; tried <= kLimitsTriedPerStep; ++tried) {
    if (limit_ > 0 && ask >= limit_) return;  // the limit in force is already as low
    if (try_limit(ask)) return;
    ask = tried + 1 == kLimitsTriedPerStep ? above_usage : (ask + above_usage) / 2;
  }
}

std::string MemoryPressureFault::refusals() const {
  if (refused_ == 0) return "";
  return fmt::format("; the engine refused {} lower limit(s), the last: \"{}\"", refused_,
                     last_refusal_);
}

void MemoryPressureFault::heal() {
  context_.runtime.update_limits(target_, {restore_to_, std::nullopt});
  if (!context_.runtime.state(target_).running) context_.runtime.start(target_);
}

Effect MemoryPressureFault::verify_effect(FaultPhase phase, Millis timeout) {
  return phase == FaultPhase::kInjected ? verify_injected(timeout) : verify_healed(timeout);
}

Effect MemoryPressureFault::verify_injected(Millis timeout) {
  ServiceState last;
  if (fixed_limit_) return verify_limit_reached(timeout);
  // Until OOM: each poll that finds the service alive halves the limit again.
  const bool seen = poll_until(
      context_.clock, context_.clock.now() + timeout,
      [&] {
        last = context_.runtime.state(target_);
        if (last.oom_killed) return true;
        if (last.running && limit_ != kDockerMinimumLimit) tighten();
        return false;
      },
      Backoff{Millis{500}, Millis{1000}, 1.5});
  return {seen,
          seen
              ? fmt::format("the engine recorded {} as OOM-killed (exit status {}) at a {} limit{}",
                            target_, last.exit_code, format_byte_size(limit_), refusals())
              : fmt::format("{} is {} and not OOM-killed {} after {}ms{}", target_, last.status,
                            limit_ > 0 ? fmt::format("at a {} limit", format_byte_size(limit_))
                                       : std::string("(no lower limit was accepted)"),
                            timeout.count(), refusals()),
          context_.clock.now()};
}

Effect MemoryPressureFault::verify_limit_reached(Millis timeout) {
  if (limit_ != *fixed_limit_) {
    return {
        false,
        fmt::format("the {} limit was never set{}", format_byte_size(*fixed_limit_), refusals()),
        context_.clock.now()};
  }
  if (!at_limit_.read()) {
    return {false, "the memory counters could not be read: " + at_limit_.unavailable,
            context_.clock.now()};
  }
  const auto reached = [&](const ResourceCounters& now) {
    return now.memory_limit == limit_ &&
           (now.memory_limit_hits > at_limit_.memory_limit_hits ||
            static_cast<double>(now.memory_usage) >= kNearTheLimit * static_cast<double>(limit_));
  };
  const auto wait = await_counters(context_, target_, reached, timeout);
  if (!wait.last.read()) {
    const auto state = context_.runtime.state(target_);
    if (state.oom_killed) {
      return {true,
              fmt::format("the engine recorded {} as OOM-killed at a {} limit", target_,
                          format_byte_size(limit_)),
              context_.clock.now()};
    }
    return {false, "the memory counters could not be read: " + wait.last.unavailable,
            context_.clock.now()};
  }
  const auto hits = wait.last.memory_limit_hits - at_limit_.memory_limit_hits;
  return {wait.shown,
          fmt::format("{} uses {} of its {} limit; the kernel counted {} hit(s) of the limit since "
                      "it was set{}",
                      target_, format_byte_size(wait.last.memory_usage),
                      format_byte_size(wait.last.memory_limit), hits,
                      wait.shown ? "" : ": the limit never pressed on it"),
          context_.clock.now()};
}

Effect MemoryPressureFault::verify_healed(Millis timeout) {
  auto effect = await_container_state(
      context_, target_,
      [&](const ServiceState& s) { return s.running && s.memory_limit == restore_to_; },
      fmt::format("running with a {} limit", format_byte_size(restore_to_)), timeout);
  effect.observation += fmt::format(", memory limit {}", format_byte_size(restore_to_));
  return effect;
}

}  // namespace unbroken
