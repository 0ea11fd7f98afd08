#include "harness/cli/replay_command.h"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>

#include "harness/core/duration.h"
#include "harness/core/errors.h"
#include "harness/core/version.h"
#include "harness/reports/replay_differences.h"
#include "harness/runtime/boost_process_runner.h"
#include "harness/runtime/docker_engine.h"

namespace unbroken {
namespace {

std::string describe(const PlannedFault& f) {
  return fmt::format("{} {} at {} for {}", f.kind, f.target, format_duration(f.at),
                     format_duration(f.duration));
}

// This machine's side of the comparison. The engine and the images are asked for only
// when the replay will run (a dry run touches no engine).
ReplaySite this_machine(const nlohmann::json& report, const std::filesystem::path& scenario,
                        bool ask_the_engine) {
  ReplaySite here;
  if (std::ifstream in(scenario); in) {
    here.scenario_file_text =
        std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  here.harness_version = harness_version();
  if (!ask_the_engine) return here;
  BoostProcessRunner processes;
  const auto engine = DockerEngine::detect(processes);  // no engine: exit 2, as a run
  here.engine_name = engine.name;
  here.engine_version = engine.server_version;
  std::set<std::string> references;
  const auto services = report.value("services", nlohmann::json::object());
  for (const auto& [service, image] : services.items())
    if (image.is_object()) references.insert(image.value("image", ""));
  for (const auto& reference : references) {
    if (reference.empty()) continue;
    const auto id = processes.run(
        {{"docker", "image", "inspect", "--format", "{{.Id}}", reference}, {}, Millis(30'000)});
    here.image_ids[reference] = id.ok() ? output_lines(id.out).at(0) : "";
  }
  return here;
}

}  // namespace

RunOptions replay_options(const std::filesystem::path& report, RunOptions base, std::ostream& out) {
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
  if (doc.contains("/scenario/text"_json_pointer) &&
      doc.at("/scenario/text"_json_pointer).is_string()) {
    base.scenario_text = doc.at("/scenario/text"_json_pointer).get<std::string>();
  } else if (!std::filesystem::exists(base.scenario)) {  // a report from before the text
    fail(fmt::format("its scenario file {} is gone, and it does not hold the scenario's text",
                     base.scenario.string()));
  }
  const auto differences = replay_differences(doc, this_machine(doc, base.scenario, !base.dry_run));
  if (differences.empty()) {
    out << "replay: nothing differs from the recorded run"
        << (base.dry_run ? " (engine and images not asked: dry run)" : "") << '\n';
  } else {
    out << "replay: what differs from the recorded run:\n";
    for (const auto& line : differences) out << "  - " << line << '\n';
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
