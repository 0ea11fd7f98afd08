// The scrape interval a scenario assumes must be the one Prometheus really uses: the checks
// judge gaps at that resolution. Read from the configuration Prometheus has loaded
// (/api/v1/status/config), never trusted from the scenario: global.scrape_interval
// (Prometheus's own default, 1m, when unset) and each job's override.
#pragma once

#include <map>
#include <string>

#include "harness/core/errors.h"
#include "harness/core/time.h"

namespace unbroken {

struct ScrapeIntervals {
  Millis global{60'000};
  std::map<std::string, Millis> jobs;  // every scrape job and the interval it uses
};

// Parses Prometheus's loaded YAML. Throws BackendError when it is not a Prometheus config.
ScrapeIntervals parse_scrape_intervals(const std::string& prometheus_yaml);

// Throws ConfigError at `where` (the scenario's stack.scrape_interval, or the scenario) when
// any job is scraped at another interval than `expected`, naming the jobs and intervals.
void require_scrape_interval(const ScrapeIntervals& intervals, Millis expected,
                             const SourceLocation& where);

}  // namespace unbroken
