// Clock: the one seam for "what time is it" and "wait until", so tests can drive time.
// SystemClock is the real implementation. Implementations are thread-safe.
#pragma once

#include "harness/core/time.h"

namespace unbroken {

class Clock {
 public:
  virtual ~Clock() = default;
  // The current wall-clock time.
  virtual TimePoint now() const = 0;
  // Blocks until `deadline` or until the run is interrupted, whichever comes first.
  // Returns false when interrupted.
  virtual bool wait_until(TimePoint deadline) const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return WallClock::now(); }
  bool wait_until(TimePoint deadline) const override;
};

}  // namespace unbroken
