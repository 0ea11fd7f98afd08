#include "harness/scenario/random_choices.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/core/duration.h"
#include "harness/core/seeded_random.h"

namespace unbroken {
namespace {

// Times are drawn in whole 100 ms steps from the low end: finer would be noise at a 1 s
// scrape interval, and every drawn value prints exactly.
constexpr std::int64_t kStepMs = 100;

Millis draw_between(SeededRandom& random, Millis low, Millis high) {
  return low + Millis{kStepMs * random.uniform(0, (high - low).count() / kStepMs)};
}

}  // namespace

std::vector<std::string> draw_random_choices(Scenario& scenario, std::uint64_t seed) {
  SeededRandom random(seed);
  std::vector<std::string> drawn;
  for (std::size_t i = 0; i < scenario.timeline.size(); ++i) {
    auto& fault = scenario.timeline[i];
    const auto where = fmt::format("timeline {} ({}:{}:{})", i + 1, fault.where.file,
                                   fault.where.line, fault.where.column);
    if (fault.at_latest) {
      const auto low = fault.at;
      fault.at = draw_between(random, low, *fault.at_latest);
      drawn.push_back(fmt::format("{}: at {}, from {}..{}", where, format_duration(fault.at),
                                  format_duration(low), format_duration(*fault.at_latest)));
      fault.at_latest.reset();
    }
    if (fault.duration_longest) {
      const auto low = fault.duration;
      fault.duration = draw_between(random, low, *fault.duration_longest);
      drawn.push_back(fmt::format("{}: for {}, from {}..{}", where, format_duration(fault.duration),
                                  format_duration(low), format_duration(*fault.duration_longest)));
      fault.duration_longest.reset();
    }
    if (!fault.target_choices.empty()) {
      const auto index =
          random.uniform(0, static_cast<std::int64_t>(fault.target_choices.size()) - 1);
      fault.target = fault.target_choices[static_cast<std::size_t>(index)];
      drawn.push_back(fmt::format("{}: target {}, one of [{}]", where, fault.target,
                                  fmt::join(fault.target_choices, ", ")));
      fault.target_choices.clear();
    }
  }
  return drawn;
}

}  // namespace unbroken
