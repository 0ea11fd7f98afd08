#include "harness/scenario/load_progress.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace unbroken {

std::string progress_line(const LoadProgress& p) {
  using std::chrono::seconds;
  const auto left = p.planned > p.elapsed ? p.planned - p.elapsed : Millis(0);
  auto line = fmt::format("load {}s/{}s · sent {} · ok {} · failed {}",
                          std::chrono::floor<seconds>(p.elapsed).count(),
                          std::chrono::ceil<seconds>(p.planned).count(), p.counted.sent,
                          p.counted.succeeded, p.counted.rejected + p.counted.unknown);
  if (!p.faults_in_force.empty())
    line += fmt::format(" · in force: {}", fmt::join(p.faults_in_force, ", "));
  return line + fmt::format(" · {}s left", std::chrono::ceil<seconds>(left).count());
}

}  // namespace unbroken
