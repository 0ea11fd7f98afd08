#include "harness/scenario/scrape_interval.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <vector>

#include "harness/backends/backend_error.h"
#include "harness/core/duration.h"

namespace unbroken {
namespace {

Millis duration_at(const YAML::Node& node, const std::string& what) {
  try {
    return parse_duration(node.as<std::string>());
  } catch (const std::exception& e) {
    throw BackendError(fmt::format("Prometheus's loaded config has a {} that is not a duration: {}",
                                   what, e.what()));
  }
}

}  // namespace

ScrapeIntervals parse_scrape_intervals(const std::string& prometheus_yaml) {
  YAML::Node root;
  try {
    root = YAML::Load(prometheus_yaml);
  } catch (const YAML::Exception& e) {
    throw BackendError(std::string("Prometheus's loaded config is not YAML: ") + e.what());
  }
  if (!root.IsMap()) throw BackendError("Prometheus's loaded config is not a mapping");
  ScrapeIntervals intervals;
  const auto global = root["global"];
  if (global && global["scrape_interval"]) {
    intervals.global = duration_at(global["scrape_interval"], "global.scrape_interval");
  }
  for (const auto& job : root["scrape_configs"]) {
    const auto name = job["job_name"] ? job["job_name"].as<std::string>() : "(unnamed)";
    intervals.jobs[name] = job["scrape_interval"]
                               ? duration_at(job["scrape_interval"], "scrape_interval of " + name)
                               : intervals.global;
  }
  return intervals;
}

void require_scrape_interval(const ScrapeIntervals& intervals, Millis expected,
                             const SourceLocation& where) {
  std::vector<std::string> differing;
  for (const auto& [job, interval] : intervals.jobs) {
    if (interval != expected)
      differing.push_back(fmt::format("{} every {}", job, format_duration(interval)));
  }
  if (intervals.jobs.empty() && intervals.global != expected) {
    differing.push_back(fmt::format("global every {}", format_duration(intervals.global)));
  }
  if (differing.empty()) return;
  throw ConfigError(where, fmt::format("the scenario assumes Prometheus scrapes every {} "
                                       "(stack.scrape_interval), but the running Prometheus "
                                       "scrapes {}: set stack.scrape_interval to match",
                                       format_duration(expected), fmt::join(differing, ", ")));
}

}  // namespace unbroken
