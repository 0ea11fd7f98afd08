#include "harness/faults/resource_counters_wait.h"

#include "harness/core/poll.h"

namespace unbroken {

CounterWait await_counters(FaultContext& context, const std::string& target,
                           const std::function<bool(const ResourceCounters&)>& shown,
                           Millis timeout) {
  CounterWait wait;
  wait.shown = poll_until(
      context.clock, context.clock.now() + timeout,
      [&] {
        wait.last = context.runtime.resource_counters(target);
        return wait.last.read() && shown(wait.last);
      },
      Backoff{Millis{200}, Millis{1000}, 1.5});
  return wait;
}

}  // namespace unbroken
