// Prometheus HTTP API (/api/v1) response parsing: the envelope, vectors and matrices.
// Sample values arrive as strings (NaN and ±Inf included); timestamps as float seconds.
// Throws BackendError for an error envelope or malformed JSON, naming what was expected.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "harness/backends/backend_error.h"

namespace unbroken {

using Labels = std::map<std::string, std::string>;

struct PromSample {
  double t = 0;  // Unix seconds
  double value = 0;
  bool operator==(const PromSample&) const = default;
};

struct PromSeries {
  Labels labels;
  std::vector<PromSample> samples;  // one for an instant vector, many for a matrix
};

// Parses a query or query_range body whose resultType is vector or matrix; a scalar
// becomes one series with no labels. `http_status` is used in error messages.
std::vector<PromSeries> parse_prometheus_result(const std::string& body, int http_status);
// The configuration Prometheus has loaded, as YAML, from a /api/v1/status/config body.
std::string parse_prometheus_config(const std::string& body, int http_status);

// The names of the alerting rules in a /api/v1/rules answer (data.groups[].rules[] of type
// "alerting"). Throws BackendError on an error envelope or a malformed answer.
std::vector<std::string> parse_prometheus_alert_names(const std::string& body, int http_status);

// One target Prometheus scrapes (/api/v1/targets, activeTargets[]).
struct PromTarget {
  std::string job;
  std::string instance;
  std::string scrape_url;  // as Prometheus reaches it: "http://gateway:8080/metrics"
  std::string health;      // "up", "down" or "unknown"
};

// The active targets of a /api/v1/targets answer. Throws BackendError on an error envelope
// or a target without its job, instance or scrape URL.
std::vector<PromTarget> parse_prometheus_targets(const std::string& body, int http_status);

// "{job=\"gateway\", route=\"/work\"}" for evidence and messages.
std::string format_labels(const Labels& labels);

}  // namespace unbroken
