// Time vocabulary shared by every layer: wall-clock instants (comparable with the
// timestamps the backends store) and millisecond durations.
#pragma once

#include <chrono>
#include <cstdint>

namespace unbroken {

using WallClock = std::chrono::system_clock;
using TimePoint = WallClock::time_point;
using Millis = std::chrono::milliseconds;

// Seconds since the Unix epoch as a double, the unit of Prometheus' API.
inline double to_unix_seconds(TimePoint t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

// Milliseconds since the Unix epoch, the unit of Grafana's annotation API.
inline std::int64_t to_unix_ms(TimePoint t) {
  return std::chrono::duration_cast<Millis>(t.time_since_epoch()).count();
}

// Nanoseconds since the Unix epoch, the unit of Loki's API.
inline std::int64_t to_unix_ns(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

inline TimePoint from_unix_seconds(double s) {
  return TimePoint(
      std::chrono::duration_cast<WallClock::duration>(std::chrono::duration<double>(s)));
}

inline double to_seconds(Millis d) {
  return std::chrono::duration<double>(d).count();
}

}  // namespace unbroken
