#include "harness/faults/cpu_throttle_fault.h"

#include <fmt/format.h>

#include <cmath>
#include <thread>

#include "harness/faults/container_state_wait.h"

namespace unbroken {
namespace {

std::int64_t to_nano_cpus(double cpus) {
  return static_cast<std::int64_t>(std::llround(cpus * 1e9));
}

double to_cpus(std::int64_t nano_cpus) {
  return static_cast<double>(nano_cpus) / 1e9;
}

}  // namespace

CpuThrottleFault::CpuThrottleFault(const FaultSpec& spec, FaultContext& context)
    : context_(context), target_(spec.target), cpus_(spec.params.number_or("cpus", 0.0)) {
  spec.params.expect_only({"cpus"}, "fault 'cpu_throttle'");
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
  context_.runtime.update_limits(target_, {std::nullopt, to_nano_cpus(cpus_)});
}

void CpuThrottleFault::heal() {
  context_.runtime.update_limits(target_, {std::nullopt, restore_to_});
}

Effect CpuThrottleFault::verify_effect(FaultPhase phase, Millis timeout) {
  const auto host_cpus = context_.runtime.host_capacity().cpus;
  if (phase == FaultPhase::kInjected && cpus_ >= host_cpus) {
    return {false,
            fmt::format("a limit of {} CPUs cannot throttle: the engine's host has {}", cpus_,
                        host_cpus),
            context_.clock.now()};
  }
  const auto wanted = phase == FaultPhase::kInjected ? to_nano_cpus(cpus_) : restore_to_;
  auto effect = await_container_state(
      context_, target_, [&](const ServiceState& s) { return s.running && s.nano_cpus == wanted; },
      fmt::format("a limit of {} CPUs", to_cpus(wanted)), timeout);
  effect.observation += fmt::format(", CPU limit {} (engine read-back)",
                                    to_cpus(context_.runtime.state(target_).nano_cpus));
  return effect;
}

}  // namespace unbroken
