// FakeClock: time moves only when the code under test waits (wait_until jumps to the
// deadline) or the test advances it, so polling logic is tested without sleeping.
#pragma once

#include <atomic>

#include "harness/core/clock.h"

namespace unbroken::testing {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start = TimePoint(std::chrono::seconds(1'795'000'000)))
      : now_(start.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint(WallClock::duration(now_.load())); }
  bool wait_until(TimePoint deadline) const override {
    if (deadline > now()) now_.store(deadline.time_since_epoch().count());
    return true;
  }
  void advance(Millis d) {
    now_.fetch_add(std::chrono::duration_cast<WallClock::duration>(d).count());
  }

 private:
  mutable std::atomic<WallClock::duration::rep> now_;
};

}  // namespace unbroken::testing
