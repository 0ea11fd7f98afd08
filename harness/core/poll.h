// Deadline-based polling: the only way the harness waits for something to become true.
// Retries `attempt` with exponential backoff (capped) until it returns true, the deadline
// passes, or the run is interrupted. Never a bare sleep that hopes.
#pragma once

#include <algorithm>
#include <functional>

#include "harness/core/clock.h"
#include "harness/core/interrupt.h"

namespace unbroken {

struct Backoff {
  Millis initial{100};
  Millis max{1000};
  double multiplier = 2.0;
};

// Returns true as soon as `attempt()` does; false when `deadline` passed first.
// Throws Interrupted when the run is interrupted while waiting.
inline bool poll_until(const Clock& clock, TimePoint deadline, const std::function<bool()>& attempt,
                       Backoff backoff = {}) {
  Millis delay = backoff.initial;
  while (true) {
    throw_if_interrupted();
    if (attempt()) return true;
    const auto now = clock.now();
    if (now >= deadline) return false;
    if (!clock.wait_until(std::min<TimePoint>(deadline, now + delay))) throw Interrupted();
    delay = std::min(
        backoff.max,
        Millis(static_cast<Millis::rep>(static_cast<double>(delay.count()) * backoff.multiplier)));
  }
}

}  // namespace unbroken
