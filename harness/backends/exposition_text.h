// What a target exposes, read from its Prometheus text exposition (format 0.0.4, what
// Prometheus client libraries serve at /metrics): the name of every sample, and each
// family's declared type. Only names and types are read; values and labels are not.
#pragma once

#include <map>
#include <set>
#include <string>

namespace unbroken {

struct Exposition {
  std::set<std::string> sample_names;        // "http_requests_total", "x_bucket", ...
  std::map<std::string, std::string> types;  // family -> "counter", "histogram", ...
};

// Throws BackendError naming `source` and the line for a sample line without a metric name.
Exposition parse_exposition(const std::string& text, const std::string& source);

}  // namespace unbroken
