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

// Fixes `fault`'s time, duration and target where they are ranges or lists, describing
// each draw after `where`.
void draw_fault(FaultSpec& fault, SeededRandom& random, const std::string& where,
                std::vector<std::string>& drawn) {
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

}  // namespace

std::vector<std::string> draw_random_choices(Scenario& scenario, std::uint64_t seed) {
  SeededRandom random(seed);
  std::vector<std::string> drawn;
  std::vector<FaultSpec> timeline;
  for (std::size_t i = 0; i < scenario.timeline.size(); ++i) {
    const auto& entry = scenario.timeline[i];
    const auto where = fmt::format("timeline {} ({}:{}:{})", i + 1, entry.where.file,
                                   entry.where.line, entry.where.column);
    auto first = entry;
    first.repeat.reset();
    draw_fault(first, random, where, drawn);
    timeline.push_back(std::move(first));
    if (!entry.repeat) continue;
    // Each occurrence starts `every` after the one before and must heal while the load
    // runs; `every` exceeds the longest `for` (the loader's rule), so none overlap.
    const auto& repeat = *entry.repeat;
    for (int occurrence = 2;; ++occurrence) {
      auto next = entry;
      next.repeat.reset();
      const auto gap = repeat.every_longest
                           ? draw_between(random, repeat.every, *repeat.every_longest)
                           : repeat.every;
      next.at = timeline.back().at + gap;  // not the first's range: the interval decides
      next.at_latest.reset();
      const auto label = fmt::format("{} occurrence {}", where, occurrence);
      std::vector<std::string> occurrence_draws;
      draw_fault(next, random, label, occurrence_draws);
      if (next.at + next.duration > scenario.load.duration) break;
      drawn.push_back(fmt::format(
          "{}: at {}, {} after the one before{}", label, format_duration(next.at),
          format_duration(gap),
          repeat.every_longest ? fmt::format(", from every {}..{}", format_duration(repeat.every),
                                             format_duration(*repeat.every_longest))
                               : std::string()));
      drawn.insert(drawn.end(), occurrence_draws.begin(), occurrence_draws.end());
      timeline.push_back(std::move(next));
    }
  }
  scenario.timeline = std::move(timeline);
  return drawn;
}

}  // namespace unbroken
