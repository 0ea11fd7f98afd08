#include "harness/faults/container_state_wait.h"

#include <fmt/format.h>

#include "harness/core/poll.h"

namespace unbroken {

Effect await_container_state(FaultContext& context, const std::string& target,
                             const std::function<bool(const ServiceState&)>& wanted,
                             const std::string& expectation, Millis timeout) {
  ServiceState last;
  const bool seen = poll_until(
      context.clock, context.clock.now() + timeout,
      [&] {
        last = context.runtime.state(target);
        return last.exists && wanted(last);
      },
      Backoff{Millis{50}, Millis{500}, 1.5});
  Effect effect{seen, {}, context.clock.now()};
  if (!last.exists) {
    effect.observation = fmt::format("{} has no container", target);
  } else if (last.running || last.paused) {
    effect.observation = fmt::format("{} is {}", target, last.status);
  } else {
    effect.observation =
        fmt::format("{} is {} (exit status {})", target, last.status, last.exit_code);
  }
  if (!seen)
    effect.observation += fmt::format(" after {}ms: expected {}", timeout.count(), expectation);
  return effect;
}

Effect await_down_then_up(FaultContext& context, const std::string& target, FaultPhase phase,
                          Millis timeout) {
  if (phase == FaultPhase::kHealed) {
    return await_container_state(
        context, target, [](const ServiceState& s) { return s.running; }, "running", timeout);
  }
  return await_container_state(
      context, target, [](const ServiceState& s) { return !s.running; }, "not running", timeout);
}

}  // namespace unbroken
