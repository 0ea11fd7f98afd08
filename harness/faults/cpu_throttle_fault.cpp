#include "harness/faults/cpu_throttle_fault.h"

#include <fmt/format.h>

#include <cmath>
#include <thread>

#include "harness/faults/resource_counters_wait.h"

namespace unbroken {
namespace {

std::int64_t to_nano_cpus(double cpus) {
  return static_cast<std::int64_t>(std::llround(cpus * 1e9));
}

constexpr Millis kQuietInterval{1'000};

std::string unreadable(const ResourceCounters& counters) {
  return "the throttling counters could not be read: " + counters.unavailable;
}

double to_cpus(std::int64_t nano_cpus) {
  return static_cast<double>(nano_cpus) / 1e9;
}

}  // namespace

ParamDecls CpuThrottleFault::parameters() {
  return {{"cpus", ParamType::kNumber, "", true, "the CPUs it may use, e.g. 0.1"}};
}

CpuThrottleFault::CpuThrottleFault(const FaultSpec& spec, FaultContext& context)
    : context_(context), target_(spec.target), cpus_(spec.params.number_or("cpus", 0.0)) {
  if (!(cpus_ >= 0.01)) {
    throw ConfigError(
        spec.params.where(),
        "cpu_throttle: 'cpus' is required and must be at least 0.01 (e.g. cpus: 0.1)");
  }
  // Known in advance where the engine runs on this machine; verify_effect asks the engine.
  const auto here = std::thread::hardware_concurrency();
  if (here > 0 && cpus_ >= here) {
    throw ConfigError(spec.params.value_where("cpus"),
                      fmt::format("cpu_throttle: a limit of {} CPUs cannot throttle a machine "
                                  "with {}; give fewer",
                                  cpus_, here));
  }
}

std::string CpuThrottleFault::describe() const {
  return fmt::format("cpu_throttle on {} ({} CPUs)", target_, cpus_);
}

void CpuThrottleFault::inject() {
  const auto before = context_.runtime.state(target_).nano_cpus;
  restore_to_ = before > 0 ? before : to_nano_cpus(context_.runtime.host_capacity().cpus);
  try {
    context_.runtime.update_limits(target_, {std::nullopt, to_nano_cpus(cpus_)});
  } catch (const LimitRefused& refusal) {
    refusal_ = refusal.what();
    return;
  }
  at_limit_ = context_.runtime.resource_counters(target_);
}

void CpuThrottleFault::heal() {
  context_.runtime.update_limits(target_, {std::nullopt, restore_to_});
}

Effect CpuThrottleFault::verify_effect(FaultPhase phase, Millis timeout) {
  return phase == FaultPhase::kInjected ? verify_throttled(timeout) : verify_unthrottled(timeout);
}

Effect CpuThrottleFault::verify_throttled(Millis timeout) {
  const auto host_cpus = context_.runtime.host_capacity().cpus;
  if (cpus_ >= host_cpus) {
    return {false,
            fmt::format("a limit of {} CPUs cannot throttle: the engine's host has {}", cpus_,
                        host_cpus),
            context_.clock.now()};
  }
  if (!refusal_.empty()) {
    return {false, "the engine refused the limit: " + refusal_, context_.clock.now()};
  }
  if (!at_limit_.read()) {
    return {false, unreadable(at_limit_), context_.clock.now()};
  }
  const auto wait = await_counters(
      context_, target_,
      [&](const ResourceCounters& now) {
        return now.cpu_throttled_periods > at_limit_.cpu_throttled_periods;
      },
      timeout);
  if (!wait.last.read()) {
    return {false, unreadable(wait.last), context_.clock.now()};
  }
  const auto periods = wait.last.cpu_periods - at_limit_.cpu_periods;
  const auto throttled = wait.last.cpu_throttled_periods - at_limit_.cpu_throttled_periods;
  return {wait.shown,
          wait.shown ? fmt::format("{} throttled in {} of {} CPU periods since its limit was set "
                                   "to {} CPUs (the kernel's counters)",
                                   target_, throttled, periods, cpus_)
                     : fmt::format("{} was throttled in none of {} CPU periods in {}ms at {} "
                                   "CPUs: it never wanted more",
                                   target_, periods, timeout.count(), cpus_),
          context_.clock.now()};
}

Effect CpuThrottleFault::verify_unthrottled(Millis timeout) {
  // Lifted when a reading a quiet interval after another shows no new throttled period.
  ResourceCounters since = context_.runtime.resource_counters(target_);
  auto since_at = context_.clock.now();
  const auto wait = await_counters(
      context_, target_,
      [&](const ResourceCounters& now) {
        if (!since.read() || now.cpu_throttled_periods != since.cpu_throttled_periods) {
          since = now;
          since_at = context_.clock.now();
          return false;
        }
        return context_.clock.now() - since_at >= kQuietInterval;
      },
      timeout);
  if (!wait.last.read()) {
    return {false, unreadable(wait.last), context_.clock.now()};
  }
  // Shown: the throttling had ended by the quiet interval's start, so that is when the
  // heal is seen to have acted (the fault's window closes there, not a second later).
  return {wait.shown,
          fmt::format("{} {} throttled over {}ms after its limit went back to {} CPUs ({} CPU "
                      "periods)",
                      target_, wait.shown ? "was not" : "was still", kQuietInterval.count(),
                      to_cpus(restore_to_), wait.last.cpu_periods - since.cpu_periods),
          wait.shown ? since_at : context_.clock.now()};
}

}  // namespace unbroken
