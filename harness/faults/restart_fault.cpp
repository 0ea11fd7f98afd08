#include "harness/faults/restart_fault.h"

#include <fmt/format.h>

#include "harness/faults/container_state_wait.h"

namespace unbroken {

ParamDecls RestartFault::parameters() {
  return {{"grace", ParamType::kDuration, "10s", false,
           "how long docker restart waits after SIGTERM before SIGKILL"}};
}

RestartFault::RestartFault(const FaultSpec& spec, FaultContext& context)
    : context_(context),
      target_(spec.target),
      grace_(std::chrono::duration_cast<std::chrono::seconds>(
          spec.params.duration_or("grace", Millis(10'000)))) {}

std::string RestartFault::describe() const {
  return fmt::format("restart {} (grace {}s)", target_, grace_.count());
}

void RestartFault::inject() {
  started_before_ = context_.runtime.state(target_).started_at;
  context_.runtime.restart(target_, grace_);
}

void RestartFault::heal() {}

Effect RestartFault::verify_effect(FaultPhase phase, Millis timeout) {
  if (phase == FaultPhase::kHealed) {
    return await_container_state(
        context_, target_, [](const ServiceState& s) { return s.running; }, "running", timeout);
  }
  auto effect = await_container_state(
      context_, target_,
      [&](const ServiceState& s) { return s.running && s.started_at != started_before_; },
      "running with a new start time", timeout);
  effect.observation += fmt::format(" (started {}, before {})",
                                    context_.runtime.state(target_).started_at, started_before_);
  return effect;
}

}  // namespace unbroken
