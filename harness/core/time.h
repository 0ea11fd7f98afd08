// Time vocabulary shared by every layer: wall-clock instants (comparable with the
// timestamps the backends store) and millisecond durations.
#pragma once

#include <chrono>

namespace unbroken {

using WallClock = std::chrono::system_clock;
using TimePoint = WallClock::time_point;
using Millis = std::chrono::milliseconds;

// Seconds since the Unix epoch as a double, the unit of Prometheus' API.
inline double to_unix_seconds(TimePoint t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

inline TimePoint from_unix_seconds(double s) {
  return TimePoint(
      std::chrono::duration_cast<WallClock::duration>(std::chrono::duration<double>(s)));
}

inline double to_seconds(Millis d) {
  return std::chrono::duration<double>(d).count();
}

}  // namespace unbroken
