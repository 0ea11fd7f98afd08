#include "harness/faults/stop_fault.h"

#include <fmt/format.h>

#include "harness/faults/container_state_wait.h"

namespace unbroken {

ParamDecls StopFault::parameters() {
  return {{"grace", ParamType::kDuration, "10s", false,
           "how long docker stop waits after SIGTERM before SIGKILL"}};
}

StopFault::StopFault(const FaultSpec& spec, FaultContext& context)
    : context_(context),
      target_(spec.target),
      grace_(std::chrono::duration_cast<std::chrono::seconds>(
          spec.params.duration_or("grace", Millis(10'000)))) {}

std::string StopFault::describe() const {
  return fmt::format("stop {} (grace {}s)", target_, grace_.count());
}

void StopFault::inject() {
  context_.runtime.stop(target_, grace_);
}

void StopFault::heal() {
  context_.runtime.start(target_);
}

Effect StopFault::verify_effect(FaultPhase phase, Millis timeout) {
  return await_down_then_up(context_, target_, phase, timeout);
}

}  // namespace unbroken
