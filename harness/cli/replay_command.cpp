#include "harness/cli/replay_command.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "harness/core/duration.h"
#include "harness/core/errors.h"

namespace unbroken {
namespace {

std::string describe(const PlannedFault& f) {
  return fmt::format("{} {} at {} for {}", f.kind, f.target, format_duration(f.at),
                     format_duration(f.duration));
}

}  // namespace

RunOptions replay_options(const std::filesystem::path& report, RunOptions base) {
  std::ifstream in(report);
  if (!in) throw ConfigError(fmt::format("{}: cannot read the report", report.string()));
  const auto doc = nlohmann::json::parse(in, nullptr, false);
  const auto fail = [&](const std::string& what) {
    throw ConfigError(
        fmt::format("{}: not a report unbroken can replay: {}", report.string(), what));
  };
  if (doc.is_discarded() || !doc.is_object()) fail("not JSON");
  try {
    base.scenario = doc.at("scenario").at("file").get<std::string>();
    base.seed = doc.at("seed").get<std::uint64_t>();
    const auto images = doc.at("images").get<std::string>();
    if (images != "compose") base.images = images;  // "compose": the system has no sets
    if (doc.contains("system") && base.system.empty()) {
      base.system = doc.at("system").at("file").get<std::string>();
    }
    std::vector<PlannedFault> faults;
    for (const auto& f : doc.at("faults")) {
      faults.push_back({f.at("kind").get<std::string>(), f.at("target").get<std::string>(),
                        Millis{f.at("planned_at_ms").get<std::int64_t>()},
                        Millis{f.at("planned_duration_ms").get<std::int64_t>()}});
    }
    base.expected_faults = std::move(faults);
  } catch (const nlohmann::json::exception& e) {
    fail(std::string("missing or mistyped field: ") + e.what());
  }
  if (!std::filesystem::exists(base.scenario)) {
    fail(fmt::format("its scenario file {} is gone", base.scenario.string()));
  }
  return base;
}

void check_replayed_faults(const std::vector<PlannedFault>& expected, const Scenario& scenario) {
  const auto differs = [&](const std::string& what) {
    throw ConfigError(fmt::format(
        "{}: the scenario changed since the recorded run, so the seed no longer replays it: {}",
        scenario.file.string(), what));
  };
  if (expected.size() != scenario.timeline.size()) {
    differs(fmt::format("{} fault(s) recorded, {} now", expected.size(), scenario.timeline.size()));
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& s = scenario.timeline[i];
    const PlannedFault now{s.kind, s.target, s.at, s.duration};
    if (!(now == expected[i])) {
      differs(
          fmt::format("fault {} was {}, is now {}", i + 1, describe(expected[i]), describe(now)));
    }
  }
}

}  // namespace unbroken
