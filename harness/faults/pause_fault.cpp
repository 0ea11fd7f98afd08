#include "harness/faults/pause_fault.h"

#include <fmt/format.h>

#include "harness/faults/container_state_wait.h"

namespace unbroken {

ParamDecls PauseFault::parameters() {
  return {};
}

PauseFault::PauseFault(const FaultSpec& spec, FaultContext& context)
    : context_(context), target_(spec.target) {}

std::string PauseFault::describe() const {
  return fmt::format("pause {}", target_);
}

void PauseFault::inject() {
  context_.runtime.pause(target_);
}

void PauseFault::heal() {
  context_.runtime.unpause(target_);
}

Effect PauseFault::verify_effect(FaultPhase phase, Millis timeout) {
  if (phase == FaultPhase::kHealed) {
    return await_container_state(
        context_, target_, [](const ServiceState& s) { return s.running && !s.paused; },
        "running and not paused", timeout);
  }
  return await_container_state(
      context_, target_, [](const ServiceState& s) { return s.paused; }, "paused", timeout);
}

}  // namespace unbroken
