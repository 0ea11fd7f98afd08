#include "harness/core/time_format.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace unbroken {

std::string format_rfc3339(TimePoint t) {
  const auto ms = std::chrono::floor<std::chrono::milliseconds>(t);
  const auto seconds = std::chrono::floor<std::chrono::seconds>(ms);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", seconds,
                     static_cast<int>((ms - seconds).count()));
}

}  // namespace unbroken
